#pragma once
// Final failures per second, stacked by error class (http_429, timeout, ...). A class gets its
// area when it first occurs in the chart model, with its fixed colour (chart::palette); every
// class series shares the same x positions (Mean reduction), so the stack stays aligned on long
// runs. GUI thread only.

#include "ui/dashboard/timeserieschart.h"

class QAreaSeries;

namespace stampede::ui {

class ErrorsChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit ErrorsChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void refresh(double xMaxSeconds) override;

    /// Error classes in stacking order (first occurrence first).
    QStringList classes() const;

private:
    struct ErrorClass {
        QString key; ///< error class, e.g. "http_429"
        QAreaSeries *area = nullptr;
    };
    void addClass(const chart::Series &series);

    QList<ErrorClass> m_classes; ///< the model's errorClasses() drawn so far, same order
};

} // namespace stampede::ui
