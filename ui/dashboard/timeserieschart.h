#pragma once
// The chart every dashboard graph is built on: a header (title + controls), a QChart with the run
// time on x (seconds, minutes or hours as the run grows), a linear or log value axis on the left,
// an optional linear axis on the right, dashed threshold lines with labels, and a placeholder text
// while there is no data. Data is pushed once per snapshot between beginUpdate() and endUpdate()
// (QXYSeries::replace, never per point); endUpdate() sets the axis ranges unless the user zoomed.
// Concrete charts override reset() / appendSeconds() / refresh(). GUI thread only.

#include "metrics/stats.h"
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

struct ThresholdLine {
    double value = 0;
    QString label;
    QColor color;
};

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
    /// When the shown span has more seconds than half its pixels, every series is drawn reduced
    /// into buckets of about two pixels (PlotJuggler-style: drawing cost bounded by the width, not
    /// the run length). By default a bucket keeps its min and max (latencies: spikes survive);
    /// rates (req/s, errors/s, tokens/s) are averaged instead, so raw recent seconds and reduced
    /// older ones look alike.
    void setAveragedForDisplay(QAbstractSeries *series, bool on = true);
    QLineSeries *addLine(const QString &name, const QColor &color, Qt::PenStyle style = Qt::SolidLine,
                         Axis axis = Axis::Left, const QString &unit = {});
    /// A filled area; with `stacked` it has a lower line of its own (set by setAreaPoints), else it
    /// is filled down to the axis.
    QAreaSeries *addArea(const QString &name, const QColor &color, bool stacked, Axis axis = Axis::Left);
    void removeSeries(QAbstractSeries *series); ///< and deletes it
    void setLogScale(bool on);
    bool logScale() const;
    void setThresholdLines(const QList<ThresholdLine> &lines);
    void setPlaceholderText(const QString &text);
    void setFontScale(double scale);

    void beginUpdate(double xMaxSeconds);
    void setPoints(QXYSeries *series, const QList<QPointF> &pointsInSeconds);
    void setAreaPoints(QAreaSeries *area, const QList<QPointF> &upper, const QList<QPointF> &lower);
    void endUpdate();
    /// Empties every data series (threshold lines stay) and resets the zoom.
    void clearData();

    /// Divisor from seconds to the time axis unit (1, 60 or 3600) and its axis title.
    double timeDivisor() const;
    QString timeAxisTitle() const;
    double lastXMaxSeconds() const;

    virtual void reset(const ChartContext &context);
    virtual void appendSeconds(const QList<metrics::SecondPoint> &seconds);
    virtual void refresh(double xMaxSeconds);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace stampede::ui
