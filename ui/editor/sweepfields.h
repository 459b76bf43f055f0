#pragma once
// The Load page's fields of the "sweep" executor (model/sweep.h): what is stepped (arrival rate or
// VUs), start rate or VUs, growth (factor or increment), step duration, max steps, max rate or VUs
// and the stop conditions, each with its tooltip.
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
    /// Whether `field`'s row applies to the level chosen (a VU sweep has no rates, and the reverse).
    bool applies(const QWidget *field) const;
    bool stepsVus() const;

Q_SIGNALS:
    /// "Step: arrival rate / VUs" changed: the page shows the rows that apply.
    void levelChanged();

private:
    NumberEdit *addNumber(
        QWidget *parent, const char *name, const QString &label, const QString &path, const QString &help);
    QSpinBox *addSpin(
        QWidget *parent, const char *name, const QString &label, const QString &path, const QString &help);
    void addStopFields(QWidget *parent);

    QComboBox *m_level = nullptr;
    NumberEdit *m_startRate = nullptr;
    QSpinBox *m_startVus = nullptr;
    QComboBox *m_growth = nullptr;
    NumberEdit *m_step = nullptr;
    DurationEdit *m_stepDuration = nullptr;
    QSpinBox *m_maxSteps = nullptr;
    NumberEdit *m_maxRate = nullptr;
    QSpinBox *m_maxVus = nullptr;
    QCheckBox *m_stopSlo = nullptr;
    NumberEdit *m_sloPercentile = nullptr;
    QCheckBox *m_stopThresholds = nullptr;
    NumberEdit *m_errorRate = nullptr;
    NumberEdit *m_achievedBelow = nullptr;
    QCheckBox *m_stopAtKnee = nullptr;
    QList<Row> m_rows;
};

} // namespace stampede::ui::editor
