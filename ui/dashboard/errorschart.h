#pragma once
// Final failures per second, stacked by error class (http_429, timeout, ...). A class gets its
// area when it first occurs, with the fixed colour of style::errorClassColor(); every class
// buffer shares the same x positions (Mean reduction), so the stack stays aligned on long runs.
// GUI thread only.

#include "ui/dashboard/seriesbuffer.h"
#include "ui/dashboard/timeserieschart.h"

class QAreaSeries;

namespace stampede::ui {

class ErrorsChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit ErrorsChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void appendSeconds(const QList<metrics::SecondPoint> &seconds) override;
    void refresh(double xMaxSeconds) override;

    /// Error classes in stacking order (first occurrence first).
    QStringList classes() const;

private:
    struct ErrorClass {
        QString key;
        SeriesBuffer buffer;
        QAreaSeries *area = nullptr;
    };
    void addClass(const QString &key);

    QList<ErrorClass> m_classes;
    SeriesBuffer m_total { SeriesBuffer::Reduce::Mean }; ///< the x positions every class shares
};

} // namespace stampede::ui
