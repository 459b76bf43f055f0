#pragma once
// The Load page's fields of the "sweep" executor (model/sweep.h): start rate, growth (factor or
// increment), step duration, max steps, max rate and the stop conditions, each with its tooltip.
// The page binds, watches, lays out and shows the rows this class makes (only for a sweep); it
// loads and saves them. GUI thread only.

#include "ui/editor/editorfields.h"

#include "model/sweep.h"

#include <QObject>

class QCheckBox;
class QComboBox;
class QSpinBox;
class QWidget;

namespace stampede::ui::editor {

class SweepFields : public QObject
{
    Q_OBJECT
public:
    /// The widgets are children of `parent` (the page).
    explicit SweepFields(QWidget *parent);

    using Row = FieldRow; ///< widget == field
    QList<Row> rows() const { return m_rows; }

    void load(const model::Sweep &sweep);
    void save(model::Sweep &sweep) const;

private:
    NumberEdit *addNumber(
        QWidget *parent, const char *name, const QString &label, const QString &path, const QString &help);
    void addStopFields(QWidget *parent);

    NumberEdit *m_startRate = nullptr;
    QComboBox *m_growth = nullptr;
    NumberEdit *m_step = nullptr;
    DurationEdit *m_stepDuration = nullptr;
    QSpinBox *m_maxSteps = nullptr;
    NumberEdit *m_maxRate = nullptr;
    QCheckBox *m_stopSlo = nullptr;
    NumberEdit *m_sloPercentile = nullptr;
    QCheckBox *m_stopThresholds = nullptr;
    NumberEdit *m_errorRate = nullptr;
    NumberEdit *m_achievedBelow = nullptr;
    QCheckBox *m_stopAtKnee = nullptr;
    QList<Row> m_rows;
};

} // namespace stampede::ui::editor
