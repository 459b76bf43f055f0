#pragma once
// Offers the models an endpoint lists (GET /models) with check boxes; the checked ones are added to
// the scenario. Models already in the scenario are shown checked and greyed. GUI thread only.

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace stampede::ui::editor {

class ModelPickerDialog : public QDialog
{
    Q_OBJECT
public:
    ModelPickerDialog(const QStringList &listed, const QStringList &present, QWidget *parent = nullptr);
    /// The models checked by the user that are not in the scenario yet, in list order.
    QStringList chosen() const;

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace stampede::ui::editor
