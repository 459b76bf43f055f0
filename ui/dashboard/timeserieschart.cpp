#include "ui/dashboard/timeserieschart.h"

#include "ui/dashboard/chartaxes.h"
#include "ui/dashboard/chartscales.h"
#include "ui/dashboard/chartview.h"
#include "ui/dashboard/dashboardstyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QCursor>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace stampede::ui {

using namespace Qt::StringLiterals;
using axes::makeValueAxis;
using scales::forDisplay;

namespace {

struct SeriesInfo {
    QAbstractSeries *series = nullptr;
    TimeSeriesChart::Axis axis = TimeSeriesChart::Axis::Left;
    bool averaged = false;
};

struct Threshold {
    ThresholdLine line;
    QLineSeries *series = nullptr;
    QGraphicsSimpleTextItem *label = nullptr;
};

} // namespace

struct TimeSeriesChart::Private {
    QChart *chart = nullptr;
    ChartView *view = nullptr;
    QLabel *title = nullptr;
    QHBoxLayout *controls = nullptr;
    QValueAxis *x = nullptr;
    QAbstractAxis *left = nullptr;
    QValueAxis *right = nullptr;
    QString leftTitle;
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
    double bucket = 0; ///< display bucket, seconds (< 2: points drawn as they are)
    bool refreshQueued = false;

    const SeriesInfo *info(const QAbstractSeries *series) const;
    QList<QPointF> prepare(const QAbstractSeries *series, const QList<QPointF> &points);
    double displayBucket() const;

    void applyFonts(const QFont &base);
    void placeLabels();
    void setLeftRange();
    void setRightRange();
    void setTimeRange();
    void trackValue(Axis axis, double y);
    void setupChart(QWidget *parent, const QString &name);
    void attach(QAbstractSeries *s, Axis axis);
    void showHover(const QString &name, const QPointF &point, const QString &value) const;
};

const SeriesInfo *TimeSeriesChart::Private::info(const QAbstractSeries *s) const
{
    for (const SeriesInfo &i : series) {
        if (i.series == s)
            return &i;
    }
    return nullptr;
}

// Tracks the value range and turns seconds into what the series shows (time unit, averaging).
QList<QPointF> TimeSeriesChart::Private::prepare(const QAbstractSeries *s, const QList<QPointF> &points)
{
    const SeriesInfo *i = info(s);
    using scales::DisplayReduce;
    const QList<QPointF> shown
        = forDisplay(points, bucket, divisor, i && i->averaged ? DisplayReduce::Mean : DisplayReduce::MinMax);
    for (const QPointF &p : shown)
        trackValue(i ? i->axis : Axis::Left, p.y());
    anyData = anyData || !points.isEmpty();
    return shown;
}

// Seconds per display bucket: about two pixels of the shown span.
double TimeSeriesChart::Private::displayBucket() const
{
    const double span = chart->isZoomed() ? (x->max() - x->min()) * divisor : xMaxSeconds;
    const double width = chart->plotArea().width() > 50 ? chart->plotArea().width() : 600.0;
    return std::floor(span / (width / 2));
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

void TimeSeriesChart::Private::attach(QAbstractSeries *s, Axis axis)
{
    const bool onRight = axis == Axis::Right && right;
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(onRight ? static_cast<QAbstractAxis *>(right) : left);
    series.append({ s, onRight ? Axis::Right : Axis::Left });
}

void TimeSeriesChart::Private::showHover(const QString &name, const QPointF &point, const QString &value) const
{
    const QString at = style::formatRunTime(qint64(point.x() * divisor * 1000));
    QToolTip::showText(QCursor::pos(), name + u" at "_s + at + value);
}

void TimeSeriesChart::Private::trackValue(Axis axis, double y)
{
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

void TimeSeriesChart::Private::placeLabels()
{
    const QRectF plot = chart->plotArea();
    for (Threshold &t : thresholds) {
        const QPointF at = chart->mapToPosition(QPointF(x->max(), t.line.value), t.series);
        const QRectF text = t.label->boundingRect();
        const bool inside = at.y() >= plot.top() - 1 && at.y() <= plot.bottom() + 1;
        t.label->setVisible(inside);
        // Above the line at the right end; below it when the line hugs the top edge.
        const double y = at.y() - text.height() - 1 < plot.top() ? at.y() + 2 : at.y() - text.height() - 1;
        t.label->setPos(plot.right() - text.width() - 6, y);
    }
    const QRectF text = placeholder->boundingRect();
    placeholder->setPos(plot.center() - QPointF(text.width() / 2, text.height() / 2));
    placeholder->setVisible(!anyData && !placeholder->text().isEmpty());
}

void TimeSeriesChart::Private::setLeftRange()
{
    double max = leftMax;
    for (const Threshold &t : thresholds)
        max = std::max(max, t.line.value);
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
    x->setTitleText(divisor == 1 ? tr("elapsed (s)") : divisor == 60 ? tr("elapsed (min)") : tr("elapsed (h)"));
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
    header->addStretch(1);
    header->addLayout(d->controls);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 6, 2, 2);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(d->view, 1);

    setPlaceholderText(tr("Waiting for data…"));
    d->setTimeRange();

    connect(d->x, &QValueAxis::rangeChanged, this, [this](qreal min, qreal max) {
        d->x->setTickInterval(scales::timeTickInterval(max - min, d->divisor));
        // Zooming changes the display buckets: redraw once the zoom is done (never for our own ranges).
        if (!d->chart->isZoomed() || d->refreshQueued)
            return;
        d->refreshQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            d->refreshQueued = false;
            refresh(d->xMaxSeconds);
        }, Qt::QueuedConnection);
    });
    connect(d->chart, &QChart::plotAreaChanged, this, [this] { d->placeLabels(); });
    connect(d->view, &ChartView::zoomResetRequested, this, [this] { refresh(d->xMaxSeconds); });
    d->applyFonts(font());
}

TimeSeriesChart::~TimeSeriesChart() = default;

QChart *TimeSeriesChart::chart() const { return d->chart; }
QChartView *TimeSeriesChart::view() const { return d->view; }
QHBoxLayout *TimeSeriesChart::controls() const { return d->controls; }
bool TimeSeriesChart::logScale() const { return d->log; }
double TimeSeriesChart::timeDivisor() const { return d->divisor; }
QString TimeSeriesChart::timeAxisTitle() const { return d->x->titleText(); }
double TimeSeriesChart::lastXMaxSeconds() const { return d->xMaxSeconds; }

void TimeSeriesChart::setAxisTitles(const QString &left, const QString &right)
{
    d->leftTitle = left;
    d->left->setTitleText(left);
    if (right.isEmpty() || d->right)
        return;
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

QLineSeries *TimeSeriesChart::addLine(const QString &name, const QColor &color, Qt::PenStyle style, Axis axis,
                                      const QString &unit)
{
    auto *series = new QLineSeries(this);
    series->setName(name);
    QPen pen(color, style == Qt::SolidLine ? 2.0 : 1.6, style);
    pen.setCapStyle(Qt::RoundCap);
    series->setPen(pen);
    d->attach(series, axis);
    connect(series, &QXYSeries::hovered, this, [this, series, unit](const QPointF &point, bool state) {
        if (state)
            d->showHover(series->name(), point, u": "_s + QString::number(point.y(), 'g', 4) + unit);
    });
    return series;
}

QAreaSeries *TimeSeriesChart::addArea(const QString &name, const QColor &color, bool stacked, Axis axis)
{
    auto *area = new QAreaSeries(new QLineSeries(this), stacked ? new QLineSeries(this) : nullptr);
    area->setParent(this);
    area->setName(name);
    QColor fill = color;
    fill.setAlphaF(0.85);
    area->setBrush(fill);
    area->setPen(QPen(color.darker(115), 1));
    d->attach(area, axis);
    connect(area, &QAreaSeries::hovered, this, [this, area](const QPointF &point, bool state) {
        if (state)
            d->showHover(area->name(), point, QString());
    });
    return area;
}

void TimeSeriesChart::removeSeries(QAbstractSeries *series)
{
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

void TimeSeriesChart::setThresholdLines(const QList<ThresholdLine> &lines)
{
    for (Threshold &t : d->thresholds) {
        d->chart->removeSeries(t.series);
        delete t.series;
        delete t.label;
    }
    d->thresholds.clear();
    for (const ThresholdLine &line : lines) {
        Threshold t { line, new QLineSeries(this), new QGraphicsSimpleTextItem(line.label, d->chart) };
        t.series->setName(line.label);
        t.series->setPen(QPen(line.color, 1.5, Qt::DashLine));
        d->chart->addSeries(t.series);
        t.series->attachAxis(d->x);
        t.series->attachAxis(d->left);
        for (QLegendMarker *marker : d->chart->legend()->markers(t.series))
            marker->setVisible(false); // labelled on the line itself
        t.label->setBrush(line.color);
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

void TimeSeriesChart::setFontScale(double scale)
{
    d->fontScale = scale;
    for (int i = 0; i < d->controls->count(); ++i) {
        if (QWidget *control = d->controls->itemAt(i)->widget())
            control->setFont(style::scaledFont(font(), scale));
    }
    d->applyFonts(font());
    d->placeLabels();
}

void TimeSeriesChart::beginUpdate(double xMaxSeconds)
{
    const double divisor = xMaxSeconds <= 900 ? 1 : xMaxSeconds <= 36000 ? 60 : 3600;
    if (divisor != d->divisor && d->chart->isZoomed())
        d->chart->zoomReset(); // the zoomed range is in the old unit
    d->divisor = divisor;
    d->xMaxSeconds = xMaxSeconds;
    d->leftMax = d->leftMinPositive = d->rightMax = 0;
    d->anyData = false;
    d->bucket = d->displayBucket();
}

void TimeSeriesChart::setPoints(QXYSeries *series, const QList<QPointF> &pointsInSeconds)
{
    series->replace(d->prepare(series, pointsInSeconds)); // in seconds: shares the buffer's list
}

void TimeSeriesChart::setAreaPoints(QAreaSeries *area, const QList<QPointF> &upper, const QList<QPointF> &lower)
{
    // Averaging is linear: the averaged lower line of a stack is the averaged upper of the one below.
    area->upperSeries()->replace(d->prepare(area, upper));
    if (area->lowerSeries())
        area->lowerSeries()->replace(forDisplay(lower, d->bucket, d->divisor,
                                                d->info(area) && d->info(area)->averaged
                                                    ? scales::DisplayReduce::Mean
                                                    : scales::DisplayReduce::MinMax));
}

void TimeSeriesChart::setAveragedForDisplay(QAbstractSeries *series, bool on)
{
    for (SeriesInfo &info : d->series) {
        if (info.series == series)
            info.averaged = on;
    }
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
    d->placeLabels();
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
    d->placeLabels();
}

void TimeSeriesChart::reset(const ChartContext &) { clearData(); }
void TimeSeriesChart::appendSeconds(const QList<metrics::SecondPoint> &) { }

void TimeSeriesChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    endUpdate();
}

} // namespace stampede::ui
