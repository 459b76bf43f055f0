#include "ui/dashboard/timeserieschart.h"

#include "chart/scales.h"
#include "ui/dashboard/chartaxes.h"
#include "ui/dashboard/chartreadout.h"
#include "ui/dashboard/chartview.h"
#include "ui/dashboard/dashboardstyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace stampede::ui {

using namespace Qt::StringLiterals;
using axes::makeValueAxis;

namespace {

constexpr double kOffScale = 4; ///< a threshold line this many times the data's peak is drawn off scale

struct SeriesInfo {
    QAbstractSeries *series = nullptr;
    TimeSeriesChart::Axis axis = TimeSeriesChart::Axis::Left;
    QString shortLabel; ///< chart::Series::shortLabel
};

struct Threshold {
    chart::ThresholdLine line;
    QLineSeries *series = nullptr;
    QGraphicsSimpleTextItem *label = nullptr;
};

} // namespace

struct TimeSeriesChart::Private {
    const chart::ChartModel *model = nullptr;
    QChart *chart = nullptr;
    ChartView *view = nullptr;
    QLabel *title = nullptr;
    QHBoxLayout *controls = nullptr;
    QValueAxis *x = nullptr;
    QAbstractAxis *left = nullptr;
    QValueAxis *right = nullptr;
    QString leftTitle, rightTitle; ///< the axis titles in full (fitAxisTitles() may shorten them)
    bool log = false;
    QList<SeriesInfo> series;
    QList<Threshold> thresholds;
    QGraphicsSimpleTextItem *placeholder = nullptr;
    double fontScale = 1.0;
    // state of the update in progress / the last one
    double xMaxSeconds = 60;
    double divisor = 1;
    double leftMax = 0, leftMinPositive = 0, rightMax = 0;
    bool anyData = false;
    double bucket = 1; ///< display bucket, seconds (1: points drawn as they are)
    bool refreshQueued = false;
    std::unique_ptr<ChartReadout> readout;
    const chart::ChartModel *baseline = nullptr; ///< the baseline run's series (setBaseline), or none
    QHash<const QAbstractSeries *, QLineSeries *> twins; ///< a line's faint dashed baseline twin
    QLabel *baselineLabel = nullptr;

    const SeriesInfo *info(const QAbstractSeries *series) const;
    QList<QPointF> prepare(const QAbstractSeries *series, const QList<QPointF> &points);
    double bucketForSpan() const;

    void applyFonts(const QFont &base);
    void placeLabels();
    void fitAxisTitles();
    void setLeftRange();
    bool offScale(const Threshold &t) const;
    void setRightRange();
    void setTimeRange();
    void trackValue(Axis axis, double y);
    void setupChart(QWidget *parent, const QString &name);
    void attach(QAbstractSeries *s, Axis axis, const QString &shortLabel = {});
    void fitLegend();
    void showHover(const QString &name, const QPointF &point, const QString &value) const;
    QLineSeries *addTwin(const chart::Series &data, Axis axis);
    void fillTwin(QLineSeries *twin, const QString &key);
};

// The baseline's twin of a line: its colour, faint and dashed, on the same axes; not in the legend
// (the header says "- - baseline: <run>"), hidden while there is no baseline.
QLineSeries *TimeSeriesChart::Private::addTwin(const chart::Series &data, Axis axis)
{
    auto *twin = new QLineSeries(chart);
    twin->setName(TimeSeriesChart::tr("baseline %1").arg(data.label));
    QColor color = style::color(data.color);
    color.setAlphaF(0.5);
    twin->setPen(QPen(color, 1.4, Qt::DashLine));
    attach(twin, axis);
    twin->setVisible(baseline != nullptr);
    for (QLegendMarker *marker : chart->legend()->markers(twin))
        marker->setVisible(false); // after setVisible(), which shows the marker again
    return twin;
}

// The baseline's series of the same key, up to the shown run's time axis end: the axes keep
// following the run on show, and a longer baseline does not stretch its value axis.
void TimeSeriesChart::Private::fillTwin(QLineSeries *twin, const QString &key)
{
    const chart::Series *series = baseline ? baseline->find(key) : nullptr;
    if (!series) {
        twin->clear();
        return;
    }
    QList<QPointF> points = series->display(bucket);
    points.removeIf([this](const QPointF &p) { return p.x() > xMaxSeconds; });
    twin->replace(prepare(twin, points));
}

const SeriesInfo *TimeSeriesChart::Private::info(const QAbstractSeries *s) const
{
    const auto it = std::find_if(series.cbegin(), series.cend(), [s](const SeriesInfo &i) { return i.series == s; });
    return it == series.cend() ? nullptr : &*it;
}

// Tracks the value range and turns seconds into what the series shows: x in the time unit, and no
// NaN (a second without data): Qt Charts cannot break a line, so a gap is drawn as a straight
// segment between the seconds around it. Shares the list when there is nothing to change.
QList<QPointF> TimeSeriesChart::Private::prepare(const QAbstractSeries *s, const QList<QPointF> &points)
{
    const SeriesInfo *i = info(s);
    const Axis axis = i ? i->axis : Axis::Left;
    bool clean = divisor == 1;
    bool values = false; // a second without data (NaN) draws nothing: it is not data
    for (const QPointF &p : points) {
        const bool gap = std::isnan(p.y());
        clean = clean && !gap;
        values = values || !gap;
        trackValue(axis, p.y());
    }
    anyData = anyData || values;
    if (clean)
        return points;
    QList<QPointF> shown;
    shown.reserve(points.size());
    for (const QPointF &p : points) {
        if (!std::isnan(p.y()))
            shown.append(QPointF(p.x() / divisor, p.y()));
    }
    return shown;
}

// Seconds per display bucket. The whole run: the report's budget (chart::kDisplayBuckets), so the
// unzoomed chart shows the report's points whatever the window's width. Zoomed: about two pixels
// of the shown span, never coarser than that budget.
double TimeSeriesChart::Private::bucketForSpan() const
{
    if (!chart->isZoomed())
        return chart::bucketFor(xMaxSeconds);
    const int buckets = std::max(chart::kDisplayBuckets, int(chart->plotArea().width() / 2));
    return chart::bucketFor((x->max() - x->min()) * divisor, buckets);
}

void TimeSeriesChart::Private::setupChart(QWidget *parent, const QString &name)
{
    chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setLabelColor(style::textColor());
    view = new ChartView(chart, parent);
    view->setObjectName(name);
    view->setMinimumHeight(160);
    view->setBackgroundBrush(Qt::white); // no grey frame around the chart
    x = makeValueAxis();
    x->setTickInterval(10);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setLabelFormat(u"%g"_s);
    chart->addAxis(x, Qt::AlignBottom);
    left = makeValueAxis();
    chart->addAxis(left, Qt::AlignLeft);
    placeholder = new QGraphicsSimpleTextItem(chart);
    placeholder->setBrush(style::mutedTextColor());
    placeholder->setZValue(10);
}

void TimeSeriesChart::Private::attach(QAbstractSeries *s, Axis axis, const QString &shortLabel)
{
    const bool onRight = axis == Axis::Right && right;
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(onRight ? static_cast<QAbstractAxis *>(right) : left);
    series.append({ s, onRight ? Axis::Right : Axis::Left, shortLabel });
}

void TimeSeriesChart::Private::showHover(const QString &name, const QPointF &point, const QString &value) const
{
    const QString at = chart::timeLabel(point.x() * divisor);
    QToolTip::showText(QCursor::pos(), name + u" at "_s + at + value);
}

void TimeSeriesChart::Private::trackValue(Axis axis, double y)
{
    if (std::isnan(y))
        return;
    if (axis == Axis::Right) {
        rightMax = std::max(rightMax, y);
        return;
    }
    leftMax = std::max(leftMax, y);
    if (y > 0 && (leftMinPositive == 0 || y < leftMinPositive))
        leftMinPositive = y;
}

void TimeSeriesChart::Private::applyFonts(const QFont &base)
{
    title->setFont(style::scaledFont(base, 1.1 * fontScale, true));
    const QFont labels = style::scaledFont(base, 0.9 * fontScale);
    const QFont titles = style::scaledFont(base, 0.9 * fontScale);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsFont(labels);
        axis->setTitleFont(titles);
    }
    chart->legend()->setFont(labels);
    for (Threshold &t : thresholds)
        t.label->setFont(style::scaledFont(base, 0.85 * fontScale, true));
    placeholder->setFont(style::scaledFont(base, 1.1 * fontScale));
}

// A vertical axis title longer than the plot is tall would be cut ("latency (…"): on a short chart
// the axis says its unit alone ("latency (ms)" -> "ms", "output tokens/s" -> "tokens/s"), or nothing
// when even that is cut; the chart's title says what it is.
void TimeSeriesChart::Private::fitAxisTitles()
{
    const double height = chart->plotArea().height();
    for (const auto &[axis, full] : { std::pair<QAbstractAxis *, QString> { left, leftTitle },
             std::pair<QAbstractAxis *, QString> { right, rightTitle } }) {
        if (!axis || full.isEmpty())
            continue;
        const QFontMetricsF metrics(axis->titleFont());
        QString text = full;
        if (metrics.horizontalAdvance(full) + 6 > height) {
            const qsizetype open = full.lastIndexOf(u'(');
            text = open >= 0 && full.endsWith(u')') ? full.mid(open + 1, full.size() - open - 2)
                                                    : full.section(u' ', -1);
        }
        if (axis->titleText() != text)
            axis->setTitleText(text);
        // Still too long ("concurrency" on a very short chart): no title rather than a cut one.
        axis->setTitleVisible(metrics.horizontalAdvance(text) + 6 <= height);
    }
}

// A legend wider than the chart would end every name in "…" ("outp… achi… plan…"): the series
// with a short form use it ("tokens/s", "req/s", "planned"), and what still does not fit is elided
// in the middle, each name to an equal share, so model names keep their ends ("claud…4-5").
void TimeSeriesChart::Private::fitLegend()
{
    QLegend *legend = chart->legend();
    const QFontMetricsF metrics(legend->font());
    const double available = chart->size().width() - 16;
    const double markerRoom = metrics.height() + 8; // the colour box and the gaps around a label
    QList<QLegendMarker *> shown;
    for (QLegendMarker *marker : legend->markers())
        if (marker->isVisible())
            shown << marker;
    if (shown.isEmpty())
        return;
    const auto labelOf = [this](QLegendMarker *marker, bool shortForm) {
        const SeriesInfo *i = info(marker->series());
        return shortForm && i && !i->shortLabel.isEmpty() ? i->shortLabel : marker->series()->name();
    };
    const auto widthOf = [&](bool shortForm) {
        double width = 0;
        for (QLegendMarker *marker : shown)
            width += markerRoom + metrics.horizontalAdvance(labelOf(marker, shortForm));
        return width;
    };
    const bool shortForm = widthOf(false) > available;
    const bool elide = shortForm && widthOf(true) > available;
    const double share = available / double(shown.size()) - markerRoom;
    for (QLegendMarker *marker : shown) {
        QString text = labelOf(marker, shortForm);
        if (elide)
            text = metrics.elidedText(text, Qt::ElideMiddle, std::max(share, 24.0));
        if (marker->label() != text)
            marker->setLabel(text);
    }
}

void TimeSeriesChart::Private::placeLabels()
{
    fitAxisTitles();
    fitLegend();
    const QRectF plot = chart->plotArea();
    double offScaleY = plot.top() + 2;
    for (Threshold &t : thresholds) {
        if (offScale(t)) { // stacked at the top edge, pointing up
            t.label->setText(tr("%1 ↑ off scale").arg(t.line.label));
            t.label->setVisible(true);
            t.label->setPos(plot.right() - t.label->boundingRect().width() - 6, offScaleY);
            offScaleY += t.label->boundingRect().height();
        }
    }
    for (Threshold &t : thresholds) {
        if (offScale(t))
            continue;
        t.label->setText(t.line.label);
        const QPointF at = chart->mapToPosition(QPointF(x->max(), t.line.value), t.series);
        const QRectF text = t.label->boundingRect();
        const bool inside = at.y() >= plot.top() - 1 && at.y() <= plot.bottom() + 1;
        t.label->setVisible(inside);
        // Above the line at the right end; below it when the line hugs the top edge.
        double y = at.y() - text.height() - 1 < plot.top() ? at.y() + 2 : at.y() - text.height() - 1;
        y = std::max(y, offScaleY); // never over the off-scale labels stacked at the top
        t.label->setPos(plot.right() - text.width() - 6, y);
    }
    const QRectF text = placeholder->boundingRect();
    placeholder->setPos(plot.center() - QPointF(text.width() / 2, text.height() / 2));
    placeholder->setVisible(!anyData && !placeholder->text().isEmpty());
}

// A threshold line far above the data would flatten it: past kOffScale × the data's peak the axis
// follows the data and the line's label says where the line is.
bool TimeSeriesChart::Private::offScale(const Threshold &t) const
{
    return anyData && leftMax > 0 && t.line.value > kOffScale * leftMax && !qobject_cast<QLogValueAxis *>(left);
}

void TimeSeriesChart::Private::setLeftRange()
{
    double max = leftMax;
    for (const Threshold &t : thresholds)
        max = offScale(t) ? max : std::max(max, t.line.value);
    if (auto *logAxis = qobject_cast<QLogValueAxis *>(left)) {
        double lo = leftMinPositive > 0 ? leftMinPositive : 1.0;
        for (const Threshold &t : thresholds)
            lo = t.line.value > 0 ? std::min(lo, t.line.value) : lo;
        axes::setLogRange(logAxis, lo, max);
        return;
    }
    axes::setLinearRange(static_cast<QValueAxis *>(left), max);
}

void TimeSeriesChart::Private::setRightRange()
{
    if (right)
        axes::setLinearRange(right, rightMax);
}

void TimeSeriesChart::Private::setTimeRange()
{
    const double max = std::max(1.0, xMaxSeconds) / divisor;
    x->setRange(0, max);
    x->setTitleText(chart::timeUnit(xMaxSeconds).title);
}

TimeSeriesChart::TimeSeriesChart(const QString &name, const QString &title, QWidget *parent)
    : CardFrame(parent)
    , d(std::make_unique<Private>())
{
    d->setupChart(this, name);
    d->title = new QLabel(title, this);
    d->controls = new QHBoxLayout;
    d->controls->setSpacing(8);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(8, 0, 8, 0);
    header->addWidget(d->title);
    d->baselineLabel = new QLabel(this);
    d->baselineLabel->setObjectName(u"baselineLabel"_s);
    d->baselineLabel->setStyleSheet(u"color: #5f6368;"_s);
    d->baselineLabel->setVisible(false);
    header->addSpacing(8);
    header->addWidget(d->baselineLabel);
    header->addStretch(1);
    header->addLayout(d->controls);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 6, 2, 2);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(d->view, 1);

    setPlaceholderText(waitingText());
    d->setTimeRange();
    d->readout = std::make_unique<ChartReadout>(d->chart);
    connect(d->view, &ChartView::pointerMoved, this,
        [this](const QPointF &value) { emit hovered(value.x() * d->divisor); });
    connect(d->view, &ChartView::pointerLeft, this, &TimeSeriesChart::hoverLeft);

    connect(d->x, &QValueAxis::rangeChanged, this, [this](qreal min, qreal max) {
        d->x->setTickInterval(chart::timeTickStep((max - min) * d->divisor, 8) / d->divisor);
        // Zooming changes the display buckets: redraw once the zoom is done (never for our own ranges).
        if (!d->chart->isZoomed() || d->refreshQueued)
            return;
        d->refreshQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                d->refreshQueued = false;
                refresh(d->xMaxSeconds);
            },
            Qt::QueuedConnection);
    });
    connect(d->chart, &QChart::plotAreaChanged, this, [this] { d->placeLabels(); });
    connect(d->view, &ChartView::zoomResetRequested, this, [this] { refresh(d->xMaxSeconds); });
    d->applyFonts(font());
}

TimeSeriesChart::~TimeSeriesChart() = default;

QChart *TimeSeriesChart::chart() const
{
    return d->chart;
}
QChartView *TimeSeriesChart::view() const
{
    return d->view;
}
QHBoxLayout *TimeSeriesChart::controls() const
{
    return d->controls;
}
bool TimeSeriesChart::logScale() const
{
    return d->log;
}
double TimeSeriesChart::timeDivisor() const
{
    return d->divisor;
}
QString TimeSeriesChart::timeAxisTitle() const
{
    return d->x->titleText();
}
double TimeSeriesChart::lastXMaxSeconds() const
{
    return d->xMaxSeconds;
}
const chart::ChartModel *TimeSeriesChart::model() const
{
    return d->model;
}
void TimeSeriesChart::setModel(const chart::ChartModel *model)
{
    d->model = model;
}

void TimeSeriesChart::setAxisTitles(const QString &left, const QString &right)
{
    d->leftTitle = left;
    d->left->setTitleText(left);
    if (right.isEmpty() || d->right)
        return;
    d->rightTitle = right;
    d->right = makeValueAxis();
    d->right->setTitleText(right);
    d->right->setGridLineVisible(false); // its ticks rarely meet the left axis' grid
    d->chart->addAxis(d->right, Qt::AlignRight);
    d->applyFonts(font());
}

void TimeSeriesChart::setTitle(const QString &title)
{
    d->title->setText(title);
}

void TimeSeriesChart::setTitleToolTip(const QString &tip)
{
    d->title->setToolTip(tip + u"<br/><br/><i>"_s
        + tr("Drag across the chart to zoom into a time span, use the wheel to zoom, right-click "
             "or double-click to see the whole run again.")
        + u"</i>"_s);
}

void TimeSeriesChart::setRightAxisVisible(bool visible)
{
    if (d->right)
        d->right->setVisible(visible);
}

QLineSeries *TimeSeriesChart::addLine(const chart::Series &data, Axis axis)
{
    QLineSeries *twin = data.dashed ? nullptr : d->addTwin(data, axis); // planned lines have none
    auto *series = new QLineSeries(this);
    series->setName(data.label);
    QPen pen(style::color(data.color), data.dashed ? 1.6 : 2.0, data.dashed ? Qt::DashLine : Qt::SolidLine);
    pen.setCapStyle(Qt::RoundCap);
    series->setPen(pen);
    d->attach(series, axis, data.shortLabel);
    if (twin)
        d->twins.insert(series, twin);
    const QString unit = u' ' + data.unit;
    connect(series, &QXYSeries::hovered, this, [this, series, unit](const QPointF &point, bool state) {
        if (state)
            d->showHover(series->name(), point, u": "_s + QString::number(point.y(), 'g', 4) + unit);
    });
    return series;
}

QAreaSeries *TimeSeriesChart::addArea(const chart::Series &data, bool stacked, Axis axis)
{
    auto *area = new QAreaSeries(new QLineSeries(this), stacked ? new QLineSeries(this) : nullptr);
    area->setParent(this);
    area->setName(data.label);
    const QColor color = style::color(data.color);
    QColor fill = color;
    fill.setAlphaF(0.85);
    area->setBrush(fill);
    area->setPen(QPen(color.darker(115), 1));
    d->attach(area, axis, data.shortLabel);
    connect(area, &QAreaSeries::hovered, this, [this, area](const QPointF &point, bool state) {
        if (state)
            d->showHover(area->name(), point, QString());
    });
    return area;
}

void TimeSeriesChart::removeSeries(QAbstractSeries *series)
{
    if (QLineSeries *twin = d->twins.take(series))
        removeSeries(twin);
    d->series.removeIf([series](const SeriesInfo &info) { return info.series == series; });
    d->chart->removeSeries(series);
    delete series;
}

void TimeSeriesChart::setLogScale(bool on)
{
    if (on == d->log)
        return;
    d->log = on;
    QAbstractAxis *axis = on ? static_cast<QAbstractAxis *>(axes::makeLogAxis()) : makeValueAxis();
    axis->setTitleText(d->leftTitle);
    d->chart->addAxis(axis, Qt::AlignLeft);
    for (QAbstractSeries *series : d->chart->series()) {
        if (series->attachedAxes().contains(d->left)) {
            series->detachAxis(d->left);
            series->attachAxis(axis);
        }
    }
    d->chart->removeAxis(d->left);
    delete d->left;
    d->left = axis;
    d->applyFonts(font());
    refresh(d->xMaxSeconds);
}

void TimeSeriesChart::setThresholdLines(const QList<chart::ThresholdLine> &lines)
{
    for (Threshold &t : d->thresholds) {
        d->chart->removeSeries(t.series);
        delete t.series;
        delete t.label;
    }
    d->thresholds.clear();
    for (const chart::ThresholdLine &line : lines) {
        Threshold t { line, new QLineSeries(this), new QGraphicsSimpleTextItem(line.label, d->chart) };
        t.series->setName(line.label);
        t.series->setPen(QPen(style::color(line.color), 1.5, Qt::DashLine));
        d->chart->addSeries(t.series);
        t.series->attachAxis(d->x);
        t.series->attachAxis(d->left);
        for (QLegendMarker *marker : d->chart->legend()->markers(t.series))
            marker->setVisible(false); // labelled on the line itself
        t.label->setBrush(style::color(line.color));
        t.label->setZValue(11);
        d->thresholds.append(t);
    }
    d->applyFonts(font());
}

void TimeSeriesChart::setPlaceholderText(const QString &text)
{
    d->placeholder->setText(text);
    d->placeLabels();
}

QString TimeSeriesChart::placeholderText() const
{
    return d->placeholder->text();
}

void TimeSeriesChart::setFontScale(double scale)
{
    d->fontScale = scale;
    for (int i = 0; i < d->controls->count(); ++i) {
        if (QWidget *control = d->controls->itemAt(i)->widget())
            control->setFont(style::scaledFont(font(), scale));
    }
    d->applyFonts(font());
    d->readout->setFont(style::scaledFont(font(), 0.9 * scale));
    d->placeLabels();
}

void TimeSeriesChart::beginUpdate(double xMaxSeconds)
{
    const double divisor = chart::timeUnit(xMaxSeconds).divisor;
    if (divisor != d->divisor && d->chart->isZoomed())
        d->chart->zoomReset(); // the zoomed range is in the old unit
    d->divisor = divisor;
    d->xMaxSeconds = xMaxSeconds;
    d->leftMax = d->leftMinPositive = d->rightMax = 0;
    d->anyData = false;
    d->bucket = d->bucketForSpan();
}

double TimeSeriesChart::displayBucket() const
{
    return d->bucket;
}

void TimeSeriesChart::setPoints(QXYSeries *target, const chart::Series &series)
{
    setPoints(target, series.display(d->bucket));
    if (QLineSeries *twin = d->twins.value(target))
        d->fillTwin(twin, series.key);
}

void TimeSeriesChart::setBaseline(const chart::ChartModel *baseline, const QString &label)
{
    d->baseline = baseline;
    for (QLineSeries *twin : std::as_const(d->twins)) {
        twin->setVisible(baseline != nullptr);
        if (!baseline)
            twin->clear();
        for (QLegendMarker *marker : d->chart->legend()->markers(twin))
            marker->setVisible(false); // a shown series shows its marker again: the header names the baseline
    }
    d->baselineLabel->setVisible(baseline != nullptr);
    d->baselineLabel->setText(tr("┄ baseline: %1").arg(label));
    d->baselineLabel->setToolTip(
        tr("Dashed faint lines: the baseline run %1, on the same axes (Run ▸ Use as Baseline)").arg(label));
    refresh(d->xMaxSeconds);
}

const chart::ChartModel *TimeSeriesChart::baseline() const
{
    return d->baseline;
}

void TimeSeriesChart::setPoints(QXYSeries *target, const QList<QPointF> &pointsInSeconds)
{
    target->replace(d->prepare(target, pointsInSeconds)); // in seconds: shares the model's list
}

void TimeSeriesChart::setAreaPoints(QAreaSeries *area, const QList<QPointF> &upper, const QList<QPointF> &lower)
{
    area->upperSeries()->replace(d->prepare(area, upper));
    if (area->lowerSeries())
        area->lowerSeries()->replace(d->prepare(nullptr, lower));
}

void TimeSeriesChart::endUpdate()
{
    const double xMax = std::max(1.0, d->xMaxSeconds) / d->divisor;
    for (Threshold &t : d->thresholds)
        t.series->replace({ QPointF(0, t.line.value), QPointF(xMax, t.line.value) });
    if (!d->chart->isZoomed()) {
        d->setTimeRange();
        d->setLeftRange();
        d->setRightRange();
    }
    // Seconds have closed but none brought this chart a value (e.g. no request succeeded): say so,
    // rather than waiting on, once the run is over. A chart's own text (errors: "No errors") stays.
    const bool seconds = model() && model()->lastSecond() >= 0;
    if (seconds && !d->anyData && d->placeholder->text() == waitingText())
        d->placeholder->setText(noDataText());
    d->placeLabels();
}

QString TimeSeriesChart::waitingText()
{
    return tr("Waiting for data…");
}

QString TimeSeriesChart::noDataText()
{
    return tr("No data: no request of this run gave this measure");
}

void TimeSeriesChart::clearData()
{
    for (const SeriesInfo &info : std::as_const(d->series)) {
        if (auto *xy = qobject_cast<QXYSeries *>(info.series))
            xy->clear();
        else if (auto *area = qobject_cast<QAreaSeries *>(info.series)) {
            area->upperSeries()->clear();
            if (area->lowerSeries())
                area->lowerSeries()->clear();
        }
    }
    if (d->chart->isZoomed())
        d->chart->zoomReset();
    d->anyData = false;
    if (d->placeholder->text() == noDataText())
        d->placeholder->setText(waitingText());
    d->placeLabels();
}

void TimeSeriesChart::reset(const ChartContext &)
{
    clearData();
}

void TimeSeriesChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    endUpdate();
}

namespace {

/// y of the point nearest to `x` in a series sorted by x; NaN when none is within `maxDistance`
/// (past the data's end, or in a gap).
double valueNear(const QXYSeries *series, double x, double maxDistance)
{
    const QList<QPointF> points = series->points();
    if (points.isEmpty())
        return qQNaN();
    const auto after = std::lower_bound(
        points.cbegin(), points.cend(), x, [](const QPointF &p, double value) { return p.x() < value; });
    const auto within = [&](const QPointF &p) { return std::abs(p.x() - x) <= maxDistance ? p.y() : qQNaN(); };
    if (after == points.cend())
        return within(points.constLast());
    if (after == points.cbegin())
        return within(*after);
    const auto before = after - 1;
    return within(x - before->x() <= after->x() - x ? *before : *after);
}

} // namespace

void TimeSeriesChart::showReadout(double seconds)
{
    const double axisX = seconds / d->divisor;
    QStringList lines { tr("at %1").arg(chart::timeLabel(std::round(seconds))) };
    for (const SeriesInfo &info : std::as_const(d->series)) {
        const QXYSeries *xy = qobject_cast<QXYSeries *>(info.series);
        if (auto *area = qobject_cast<QAreaSeries *>(info.series))
            xy = area->upperSeries();
        if (!xy || !info.series->isVisible() || info.series->name().isEmpty())
            continue;
        const double y = valueNear(xy, axisX, std::max(1.0, d->bucket) / d->divisor * 1.01);
        if (!std::isnan(y))
            lines << QStringLiteral("%1: %2").arg(info.series->name(), QLocale().toString(y, 'f', y < 10 ? 2 : 0));
    }
    d->readout->show(d->x, axisX, lines.size() > 1 ? lines.join(u'\n') : QString());
}

void TimeSeriesChart::hideReadout()
{
    d->readout->hide();
}

QString TimeSeriesChart::readoutText() const
{
    return d->readout->text();
}

} // namespace stampede::ui
