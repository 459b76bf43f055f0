#pragma once
// The base of the editor's pages (Target, Models, Prompts, Load, Gateway, Thresholds, Retries). A page loads
// its part of a scenario, writes it back, binds validate() paths to its fields and reports the text it
// cannot parse. GUI thread only.

#include "scenario/scenario.h"
#include "scenario/scenarioio.h"

#include <QList>
#include <QWidget>

#include <utility>

class QFormLayout;
class QLabel;

namespace stampede::ui::editor {

class EditorTableModel;

class EditorPage : public QWidget
{
    Q_OBJECT
public:
    explicit EditorPage(QWidget *parent = nullptr);

    /// Shows `scenario`'s fields without emitting edited().
    void load(const scenario::Scenario &scenario);
    /// Writes this page's fields into `scenario` (fields whose text does not parse keep their last value).
    virtual void save(scenario::Scenario &scenario) const = 0;
    /// Text that does not parse (and so is not in the scenario yet), as errors on the fields' paths.
    virtual QList<scenario::ValidationError> localErrors() const;
    /// Marks the fields that own the errors' paths and clears the others.
    virtual void showErrors(const QList<scenario::ValidationError> &errors);
    /// The field bound to the longest prefix of `path` ("models[2].weight" -> the models table), or nullptr.
    QWidget *fieldFor(const QString &path) const;
    /// Read-only look while a run is going.
    void setLocked(bool locked);
    bool isLocked() const { return m_locked; }

Q_SIGNALS:
    void edited(); ///< the user changed something on this page

protected:
    virtual void loadScenario(const scenario::Scenario &scenario) = 0;
    /// Called after unlocking: re-enable what depends on state (e.g. "Remove" needs a selection).
    virtual void refreshEnabled() { }
    /// `field` shows the JSON path `path` (and everything under it unless a longer path is bound).
    void bind(const QString &path, QWidget *field);
    /// A table: `view` is bound to `model`'s path prefix; the model's cells are marked and its local
    /// errors reported; its edits emit edited().
    void bindTable(QWidget *view, EditorTableModel *model);
    /// Emits edited() when the user changes `field` (line edits, spin boxes, combos, check boxes, models).
    void watch(QWidget *field);
    void notifyEdited();
    /// Adds "label: field" to `form` with `help` as the tooltip of both; returns the label.
    static QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &help);
    bool isLoading() const { return m_loading > 0; }
    /// The bound (path, field) pairs.
    const QList<std::pair<QString, QWidget *>> &fields() const { return m_fields; }

private:
    QList<std::pair<QString, QWidget *>> m_fields;
    QList<std::pair<QWidget *, EditorTableModel *>> m_tables; ///< (view, model)
    int m_loading = 0;
    bool m_locked = false;
};

/// True when `path` is `prefix` or lies under it ("models[1].weight" is under "models").
bool pathIsUnder(const QString &path, const QString &prefix);

} // namespace stampede::ui::editor
