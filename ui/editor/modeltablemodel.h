#pragma once
// The models of a scenario as a table: enabled, model, its wire protocol, weight, its share of the traffic (read-only,
// live), max_tokens, temperature, stream, and the prices. GUI thread only.

#include "ui/editor/editortablemodel.h"

#include "scenario/scenario.h"

namespace stampede::ui::editor {

class ModelTableModel : public EditorTableModel
{
    Q_OBJECT
public:
    enum Column {
        Enabled,
        Model,
        Protocol,
        Weight,
        Share,
        MaxTokens,
        Temperature,
        Stream,
        InputPrice,
        OutputPrice,
        ColumnCount
    };
    /// Qt::UserRole on the Share column: the share as a fraction (0..1) for tests and tooltips.
    static constexpr int ShareFractionRole = Qt::UserRole;

    explicit ModelTableModel(QObject *parent = nullptr);

    void setModels(const QList<scenario::ModelSpec> &models); ///< no edited()
    const QList<scenario::ModelSpec> &models() const { return m_models; }
    QStringList modelNames() const;

    /// Appends a row (the built-in price fills in for a known model with no price); emits edited().
    void addModel(const scenario::ModelSpec &model);
    /// A copy of `row` named "<name>-copy" below it; returns the new row.
    int duplicateModel(int row);
    /// Share of the traffic of `row`: its weight over the enabled weights' sum (0 when disabled).
    double share(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

protected:
    int columnForField(const QString &field) const override;
    QString columnTitle(int column) const override;
    QString columnHelp(int column) const override;
    bool isCheckColumn(int column) const override { return column == Enabled || column == Stream; }
    bool isEditableColumn(int column) const override { return column != Share; }
    void eraseRows(int first, int last) override;

private:
    /// `wantName`: the protocol as the scenario names it (the edit role) rather than its title.
    QVariant displayData(const scenario::ModelSpec &model, int row, int column, bool wantName) const;
    bool setCell(scenario::ModelSpec &model, int column, const QVariant &value);
    void sharesChanged();
    void fillBuiltinPrice(scenario::ModelSpec &model) const;

    QList<scenario::ModelSpec> m_models;
};

} // namespace stampede::ui::editor
