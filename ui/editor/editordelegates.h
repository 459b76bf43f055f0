#pragma once
// Cell editors for the editor's tables. GUI thread only.

#include <QStringList>
#include <QStyledItemDelegate>

namespace stampede::ui::editor {

/// A spin box for numeric cells: decimals 0 gives a QSpinBox, else a QDoubleSpinBox.
class NumberDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    NumberDelegate(int decimals, double minimum, double maximum, QObject *parent = nullptr);
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    QString displayText(const QVariant &value, const QLocale &locale) const override;

private:
    int m_decimals;
    double m_minimum;
    double m_maximum;
};

/// A combo box of fixed choices: each item shows its title and stores its value (Qt::EditRole).
class ChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ChoiceDelegate(const QStringList &values, const QStringList &titles, QObject *parent = nullptr);
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QStringList m_values;
    QStringList m_titles;
};

/// A line edit that writes to the model on every keystroke, so the row is validated as it is typed;
/// optionally with completions (metric names, model names).
class LiveTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit LiveTextDelegate(QObject *parent = nullptr);
    void setCompletions(const QStringList &completions) { m_completions = completions; }
    void setPlaceholder(const QString &placeholder) { m_placeholder = placeholder; }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QStringList m_completions;
    QString m_placeholder;
};

} // namespace stampede::ui::editor
