#pragma once
// The chart every dashboard graph is built on: a header (title + controls), a QChart with the run
// time on x (seconds, minutes or hours as the run grows), a linear or log value axis on the left,
// an optional linear axis on the right, dashed threshold lines with labels, and a placeholder text
// while there is no data. Data is pushed once per snapshot between beginUpdate() and endUpdate()
// (QXYSeries::replace, never per point); endUpdate() sets the axis ranges unless the user zoomed.
// The points, their reduction, colours, ticks and threshold lines come from the dashboard's
// chart::ChartModel (core/chart, shared with the HTML report): this class only draws them.
// Concrete charts override reset() / refresh(). GUI thread only.

#include "chart/chartmodel.h"
#include "chart/thresholdlines.h"
#include "ui/dashboard/cardframe.h"
#include "ui/dashboard/chartcontext.h"

#include <memory>

class QAbstractSeries;
class QAreaSeries;
class QChart;
class QChartView;
class QHBoxLayout;
class QLineSeries;
class QXYSeries;

namespace stampede::ui {

class TimeSeriesChart : public CardFrame
{
    Q_OBJECT
public:
    enum class Axis { Left, Right };

    /// `name` becomes the QChartView's objectName (tests find charts by it).
    TimeSeriesChart(const QString &name, const QString &title, QWidget *parent = nullptr);
    ~TimeSeriesChart() override;

    QChart *chart() const;
    QChartView *view() const;
    QHBoxLayout *controls() const; ///< right side of the header, for combos and toggles

    void setAxisTitles(const QString &left, const QString &right = {}); ///< a right title adds the right axis
    void setTitle(const QString &title);
    /// The definition shown over the chart's title (not over the plot: no popups while presenting).
    void setTitleToolTip(const QString &tip);
    void setRightAxisVisible(bool visible);
    /// A finished run drawn under this one: every solid line added by addLine() gets a faint dashed
    /// twin with `baseline`'s series of the same key (model series by model name). nullptr: none.
    /// The model must outlive its use (the dashboard owns it).
    void setBaseline(const chart::ChartModel *baseline, const QString &label = {});
    const chart::ChartModel *baseline() const;
    /// The data the charts draw; set once by the dashboard, which owns it and feeds it.
    void setModel(const chart::ChartModel *model);
    const chart::ChartModel *model() const;
    /// A line for `series`: its label, colour, unit and dash from the model.
    QLineSeries *addLine(const chart::Series &series, Axis axis = Axis::Left);
    /// A filled area; with `stacked` it has a lower line of its own (set by setAreaPoints), else it
    /// is filled down to the axis.
    QAreaSeries *addArea(const chart::Series &series, bool stacked, Axis axis = Axis::Left);
    void removeSeries(QAbstractSeries *series); ///< and deletes it
    void setLogScale(bool on);
    bool logScale() const;
    void setThresholdLines(const QList<chart::ThresholdLine> &lines);
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;
    /// "Waiting for data…" before the first second; after it, a chart nothing was drawn on says
    /// noDataText() instead (a run with no successes has no latency to draw).
    static QString waitingText();
    static QString noDataText();
    void setFontScale(double scale);

    /// Starts an update of a span of `xMaxSeconds`: picks the time unit and the display bucket.
    void beginUpdate(double xMaxSeconds);
    /// Seconds per display bucket (chart::bucketFor): the whole run in the report's budget of
    /// chart::kDisplayBuckets, a zoomed span in about two pixels each, so the drawing cost is
    /// bounded, not the run length's (PlotJuggler-style).
    double displayBucket() const;
    /// `series` reduced to the display bucket by its own rule (min-max or mean).
    /// With a baseline, the line's faint dashed twin gets the baseline's series of the same key.
    void setPoints(QXYSeries *target, const chart::Series &series);
    /// Points (x in seconds) drawn as given, e.g. the plan's corners or already reduced points.
    void setPoints(QXYSeries *target, const QList<QPointF> &pointsInSeconds);
    void setAreaPoints(QAreaSeries *area, const QList<QPointF> &upper, const QList<QPointF> &lower);
    void endUpdate();
    /// Empties every data series (threshold lines stay) and resets the zoom.
    void clearData();

    /// Divisor from seconds to the time axis unit (1, 60 or 3600) and its axis title.
    double timeDivisor() const;
    QString timeAxisTitle() const;
    double lastXMaxSeconds() const;

    virtual void reset(const ChartContext &context);
    virtual void refresh(double xMaxSeconds);

    /// The synced hover readout at `seconds` (run time): a line and every visible series' value
    /// at the nearest drawn point; the dashboard calls it on every chart when one is hovered.
    void showReadout(double seconds);
    void hideReadout();
    QString readoutText() const; ///< empty when hidden

signals:
    void hovered(double seconds); ///< the pointer is over this chart's plot at run time `seconds`
    void hoverLeft();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace stampede::ui
