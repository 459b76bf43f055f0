#include "ui/dashboard/bignumberswidget.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/elidedlabel.h"
#include "ui/dashboard/metrictips.h"

#include "report/overheadjson.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace stampede::ui {

using namespace Qt::StringLiterals;
using Status = BigNumbers::Status;

namespace {

QString accentFor(Status status)
{
    switch (status) {
    case Status::Pass:
        return style::passColor().name();
    case Status::Fail:
        return style::failColor().name();
    case Status::Unknown:
        break;
    }
    return u"#dadce0"_s;
}

} // namespace

BigNumbersWidget::BigNumbersWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(8);
    for (QHBoxLayout *&row : m_rowLayouts) {
        row = new QHBoxLayout;
        row->setSpacing(8);
        rows->addLayout(row);
    }
    // The widget's minimum is minimumSizeHint()'s (two rows), never one row's: not even as a window.
    rows->setSizeConstraint(QLayout::SetNoConstraint);
    m_elapsed = addTile(u"tileElapsed"_s, tr("Elapsed"), tips::text(tips::Tip::Elapsed));
    m_progress = new QProgressBar(m_elapsed->frame);
    m_progress->setObjectName(u"runProgress"_s);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setFixedHeight(6);
    m_progress->setStyleSheet(u"QProgressBar { border: none; background: #e8eaed; border-radius: 3px; }"
                              "QProgressBar::chunk { background: #1a73e8; border-radius: 3px; }"_s);
    static_cast<QVBoxLayout *>(m_elapsed->frame->layout())->addWidget(m_progress);
    m_requests = addTile(u"tileRequests"_s, tr("Requests"), tips::text(tips::Tip::Requests));
    m_rps = addTile(u"tileRps"_s, tr("Req/s"), tips::text(tips::Tip::Rps));
    m_p95 = addTile(u"tileP95"_s, tr("Latency p95 (ms)"), tips::text(tips::Tip::LatencyP95));
    m_errors = addTile(u"tileErrorRate"_s, tr("Error rate"), tips::text(tips::Tip::ErrorRate));
    m_goodput = addTile(u"tileGoodput"_s, tr("Goodput"),
        tips::text(tips::Tip::Goodput) + u"<br/><br/>"_s + tips::text(tips::Tip::SloAttainment));
    m_goodput->frame->hide(); // shown only for a run that declares an SLO
    m_tokens = addTile(u"tileTokens"_s, tr("Output tokens"), tips::text(tips::Tip::OutputTokens));
    m_limitWait = addTile(u"tileLimitWait"_s, tr("Waited for cap"), tips::text(tips::Tip::LimitWait));
    m_limitWait->frame->hide(); // shown only for a run with limits
    m_overhead = addTile(u"tileGatewayOverhead"_s, tr("Gateway overhead"), tips::text(tips::Tip::GatewayOverhead));
    m_overhead->frame->hide(); // shown only when the gateway reports it in a header
    m_spend = addTile(u"tileSpend"_s, tr("Spend"), tips::text(tips::Tip::Cost));
    // No stretch factors: each tile gets its size hint (whole captions and details) and an equal share
    // of what is left; when there is not enough room, captions and details are elided first, and when
    // the values themselves do not fit one row, the tiles take two (arrange()).
    for (const auto &tile : m_tiles)
        m_rowLayouts[0]->addWidget(tile->frame);
    setFontScale(1.0);
    clear();
}

QList<QFrame *> BigNumbersWidget::shownTiles() const
{
    QList<QFrame *> shown;
    for (const auto &tile : m_tiles) {
        if (!tile->frame->isHidden())
            shown << tile->frame;
    }
    return shown;
}

namespace {

/// Where two rows of `widths` (in order) split so that the wider row is narrowest, and that row's width.
std::pair<qsizetype, int> bestSplit(const QList<int> &widths, int spacing)
{
    const auto rowWidth = [&](qsizetype from, qsizetype to) {
        int w = spacing * int(std::max<qsizetype>(0, to - from - 1));
        for (qsizetype i = from; i < to; ++i)
            w += widths[i];
        return w;
    };
    std::pair<qsizetype, int> best { widths.size(), rowWidth(0, widths.size()) };
    for (qsizetype k = 1; k < widths.size(); ++k) {
        const int wider = std::max(rowWidth(0, k), rowWidth(k, widths.size()));
        if (wider < best.second)
            best = { k, wider };
    }
    return best;
}

QList<int> minimumWidths(const QList<QFrame *> &tiles)
{
    QList<int> widths;
    for (QFrame *frame : tiles)
        widths << frame->minimumSizeHint().width();
    return widths;
}

} // namespace

QSize BigNumbersWidget::minimumSizeHint() const
{
    return { bestSplit(minimumWidths(shownTiles()), m_rowLayouts[0]->spacing()).second,
        QWidget::minimumSizeHint().height() };
}

int BigNumbersWidget::wholeCaptionWidth(const QFrame *frame) const
{
    for (const auto &tile : m_tiles) {
        if (tile->frame != frame)
            continue;
        const int labels = std::max({ tile->caption->minimumSizeHint().width(), tile->value->minimumSizeHint().width(),
            tile->detail->minimumSizeHint().width() });
        const int margins = frame->minimumSizeHint().width() - labels; // the layout's margins and the border
        return margins
            + std::max({ tile->caption->sizeHint().width(), tile->value->minimumSizeHint().width(),
                tile->detail->minimumSizeHint().width() });
    }
    return frame->minimumSizeHint().width();
}

void BigNumbersWidget::arrange()
{
    const QList<QFrame *> shown = shownTiles();
    // One row while every tile fits with its caption whole ("Latency p95 (ms)", not "Latency …");
    // else two, split by the same widths.
    QList<int> widths;
    for (QFrame *frame : shown)
        widths << wholeCaptionWidth(frame);
    const int spacing = m_rowLayouts[0]->spacing();
    int oneRow = spacing * int(std::max<qsizetype>(0, shown.size() - 1));
    for (int w : widths)
        oneRow += w;
    const bool twoRows = shown.size() > 1 && width() > 0 && oneRow > width();
    const qsizetype split = twoRows ? bestSplit(widths, spacing).first : shown.size();
    if ((twoRows ? 2 : 1) == m_rows && shown == m_arranged && split == m_split)
        return;
    m_rows = twoRows ? 2 : 1;
    m_arranged = shown;
    m_split = split;
    // Each row is its own box: its tiles share its width, whatever the other row holds.
    for (const auto &tile : m_tiles) {
        m_rowLayouts[0]->removeWidget(tile->frame);
        m_rowLayouts[1]->removeWidget(tile->frame);
    }
    // One row: no stretch (each tile its size hint, whole captions first); two rows: equal shares.
    for (qsizetype i = 0; i < shown.size(); ++i)
        m_rowLayouts[i < split ? 0 : 1]->addWidget(shown[i], twoRows ? 1 : 0);
    for (const auto &tile :
        m_tiles) { // kept in a row (they take no room) so that showing one never leaves it unmanaged
        if (tile->frame->isHidden())
            m_rowLayouts[0]->addWidget(tile->frame);
    }
    updateGeometry();
}

void BigNumbersWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

BigNumbersWidget::Tile *BigNumbersWidget::addTile(const QString &name, const QString &caption, const QString &tip)
{
    m_tiles.push_back(std::make_unique<Tile>());
    Tile *tile = m_tiles.back().get();
    tile->frame = new QFrame(this);
    tile->frame->setObjectName(name);
    tile->frame->setToolTip(tip);
    tile->frame->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    // Captions and details give way (elided) so that every tile fits beside the others at 1280 px;
    // the big value never does.
    tile->caption = new ElidedLabel(caption, tile->frame);
    tile->value = new QLabel(tile->frame);
    tile->value->setObjectName(u"value"_s);
    tile->detail = new ElidedLabel(tile->frame);
    tile->detail->setObjectName(u"detail"_s);
    for (QLabel *label : { tile->caption, tile->detail })
        label->setStyleSheet(u"color: #5f6368;"_s);
    tile->value->setStyleSheet(u"color: #202124;"_s);
    auto *layout = new QVBoxLayout(tile->frame);
    layout->setContentsMargins(12, 6, 12, 8);
    layout->setSpacing(1);
    layout->addWidget(tile->caption);
    layout->addWidget(tile->value);
    layout->addWidget(tile->detail);
    layout->addStretch(1);
    return tile;
}

void BigNumbersWidget::setTile(Tile *tile, const QString &value, const QString &detail, Status status)
{
    tile->value->setText(value);
    tile->detail->setText(detail);
    if (tile->styledAs == int(status))
        return; // re-polishing style sheets 4 times a second is not free
    tile->styledAs = int(status);
    tile->frame->setStyleSheet(u"QFrame#"_s + tile->frame->objectName()
        + u" { background: white; border: 1px solid #dadce0; border-radius: 6px;"
          " border-left: 5px solid "_s
        + accentFor(status) + u"; }"_s);
    tile->value->setStyleSheet(status == Status::Fail ? u"color: #d93025;"_s : u"color: #202124;"_s);
}

void BigNumbersWidget::setFontScale(double scale)
{
    const QFont base = font();
    for (const auto &tile : m_tiles) {
        tile->caption->setFont(style::scaledFont(base, 0.9 * scale, true));
        tile->value->setFont(style::scaledFont(base, 2.2 * scale, true));
        tile->detail->setFont(style::scaledFont(base, 0.9 * scale));
    }
    m_progress->setFixedHeight(int(6 * scale));
}

void BigNumbersWidget::clear()
{
    BigNumbers empty;
    setValues(empty);
    setTile(m_elapsed, u"0:00"_s, tr("not started"));
    setTile(m_rps, u"–"_s, QString());
    setTile(m_p95, u"–"_s, QString());
}

void BigNumbersWidget::setElapsed(const BigNumbers &values)
{
    QString detail = values.state;
    if (detail.isEmpty() && values.plannedMs > 0)
        detail = style::formatRunTime(std::max<std::int64_t>(0, values.plannedMs - values.elapsedMs)) + tr(" left");
    setTile(m_elapsed, style::formatRunTime(values.elapsedMs), detail);
    double progress = values.finished ? 1.0 : 0.0;
    if (!values.finished && values.plannedMs > 0)
        progress = std::clamp(double(values.elapsedMs) / double(values.plannedMs), 0.0, 1.0);
    m_progress->setValue(int(progress * 1000));
}

void BigNumbersWidget::setValues(const BigNumbers &v)
{
    const metrics::GroupStats &o = v.overall;
    setElapsed(v);
    const QString load = v.openModel ? tr("%1 in flight").arg(v.inFlight) : tr("%1 VUs").arg(v.vus);
    setTile(m_requests, style::formatCount(o.requests), v.finished ? tr("peak ") + load : load);
    setTile(m_rps, style::formatRate(o.rps),
        v.recentRps >= 0 ? tr("last 5 s: %1/s").arg(style::formatRate(v.recentRps)) : tr("run average"));
    const bool hasLatency = o.latency.count > 0;
    setTile(m_p95, hasLatency ? style::formatMs(o.latency.p95) : u"–"_s,
        hasLatency ? tr("p99 %1 ms").arg(style::formatMs(o.latency.p99)) : QString(), v.latencyStatus);
    // Cancelled requests are the user's own stop, not the gateway's errors: named apart.
    const QString failed = tr("%1 failed").arg(style::formatCount(o.failures));
    setTile(m_errors, style::formatPercent(o.errorRate()),
        o.cancelled > 0 ? failed + tr(" · %1 cancelled").arg(style::formatCount(o.cancelled)) : failed, v.errorStatus);
    if (o.hasSlo())
        setTile(m_goodput, style::formatRate(o.goodput),
            o.requests > 0 ? tr("%1 met SLO").arg(style::formatPercent(o.sloAttainment)) : QString());
    m_goodput->frame->setVisible(o.hasSlo());
    const QString estimated = o.estimatedTokenRequests > 0 ? u"~"_s : QString();
    setTile(m_tokens, estimated + style::formatCount(o.completionTokens),
        tr("%1 tok/s").arg(style::formatRate(o.outputTokensPerSec)));
    setQuota(v);
    arrange(); // a tile shown or hidden, or a value grown past one row's room
}

void BigNumbersWidget::setQuota(const BigNumbers &v)
{
    const metrics::GroupStats &o = v.overall;
    m_limitWait->frame->setVisible(o.hasLimitWait());
    if (o.hasLimitWait()) {
        QString perModel;
        for (const metrics::GroupStats &g : v.models) {
            if (g.hasLimitWait())
                perModel += u"<br/>"_s
                    + tr("%1: p95 %2 ms, mean %3 ms")
                          .arg(g.model, style::formatMs(g.limitWait.p95), style::formatMs(g.limitWait.mean));
        }
        setTile(m_limitWait, style::formatMs(o.limitWait.p95) + u" ms"_s,
            tr("mean %1 ms · max %2").arg(style::formatMs(o.limitWait.mean), style::formatMs(o.limitWait.max)));
        m_limitWait->frame->setToolTip(tips::text(tips::Tip::LimitWait) + perModel);
    }
    setOverhead(v);
    const double perThousand = o.requests > 0 ? o.costUsd / double(o.requests) * 1000.0 : 0.0;
    const QString perK = o.requests > 0 ? tr("%1 per 1k requests").arg(style::formatUsd(perThousand)) : QString();
    if (!v.budgetUsd) {
        setTile(m_spend, style::formatUsd(o.costUsd), perK);
        m_spend->frame->setToolTip(tips::text(tips::Tip::Cost));
        return;
    }
    const double share = *v.budgetUsd > 0 ? o.costUsd / *v.budgetUsd : 0.0;
    setTile(m_spend, style::formatUsd(o.costUsd) + u" / "_s + style::formatUsd(*v.budgetUsd),
        tr("%1 of budget").arg(style::formatPercent(share)),
        share >= 1.0 ? BigNumbers::Status::Fail : BigNumbers::Status::Unknown);
    m_spend->frame->setToolTip(tips::text(tips::Tip::Cost) + u"<br/><br/>"_s + tips::text(tips::Tip::Budget));
}

void BigNumbersWidget::setOverhead(const BigNumbers &v)
{
    if (const std::optional<metrics::OverheadLive> &measured = v.measuredOverhead) {
        m_overhead->frame->setVisible(true);
        m_overhead->caption->setText(tr("Gateway overhead (measured)"));
        const QString counts = tr("%1 vs %2 requests").arg(measured->gatewayRequests).arg(measured->directRequests);
        setTile(m_overhead, report::overheadMs(measured->durationP50Ms),
            tr("p50 · TTFT %1 · %2")
                .arg(report::overheadMs(measured->ttftP50Ms),
                    v.overheadSignificance.isEmpty() ? counts : v.overheadSignificance));
        m_overhead->frame->setToolTip(tips::text(tips::Tip::MeasuredOverhead) + u"<br/><br/>"_s + counts
            + (v.overheadSignificance.isEmpty() ? QString() : u"; latency: "_s + v.overheadSignificance));
        return;
    }
    m_overhead->caption->setText(tr("Gateway overhead"));
    // The gateway's own figure for what it added (LiteLLM: x-litellm-overhead-duration-ms).
    const auto overheadOf = [](const metrics::GroupStats &g) -> const metrics::HeaderSummary * {
        for (const metrics::HeaderSummary &h : g.headers) {
            if (h.isNumeric() && h.name.contains(u"overhead"_s))
                return &h;
        }
        return nullptr;
    };
    const metrics::HeaderSummary *all = overheadOf(v.overall);
    m_overhead->frame->setVisible(all != nullptr);
    if (!all)
        return;
    const QString unit = all->name.endsWith(u"-ms"_s) ? u" ms"_s : QString();
    QString perModel;
    for (const metrics::GroupStats &g : v.models) {
        if (const metrics::HeaderSummary *h = overheadOf(g))
            perModel += u"<br/>"_s
                + tr("%1: p50 %2, p95 %3").arg(g.model, style::formatMs(h->p50), style::formatMs(h->p95)) + unit;
    }
    setTile(m_overhead, style::formatMs(all->p95) + unit,
        tr("p95 · p50 %1 · %2").arg(style::formatMs(all->p50), all->name));
    m_overhead->frame->setToolTip(tips::text(tips::Tip::GatewayOverhead) + perModel);
}

const BigNumbersWidget::Tile *BigNumbersWidget::tile(const QString &name) const
{
    for (const auto &t : m_tiles) {
        if (t->frame->objectName() == name)
            return t.get();
    }
    return nullptr;
}

QString BigNumbersWidget::valueText(const QString &name) const
{
    const Tile *t = tile(name);
    return t ? t->value->text() : QString();
}

QString BigNumbersWidget::detailText(const QString &name) const
{
    const Tile *t = tile(name);
    return t ? t->detail->text() : QString();
}

} // namespace stampede::ui
