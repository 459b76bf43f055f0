#pragma once
// The per-model results table with its "Copy" button (and Ctrl+C): sortable by any column, the
// mixed row kept last; copies tab-separated text in the order shown. GUI thread only.

#include <QWidget>

class QTableView;

namespace stampede::ui {

class ModelSummaryModel;
class ModelSummaryProxy;

class ModelSummaryView : public QWidget
{
    Q_OBJECT
public:
    explicit ModelSummaryView(ModelSummaryModel *model, QWidget *parent = nullptr);

    /// Header and rows, tab-separated, in the order shown; no group separators.
    QString tableText() const;
    void copyToClipboard() const;
    QTableView *view() const { return m_view; }
    void setFontScale(double scale);
    /// The Copy button, for the caller to place (the dashboard puts it in its tab bar's corner).
    QWidget *copyButton() const { return m_copy; }
    /// Widens the model column to the longest model name (after the rows change).
    void fitModelColumn();
    /// The height that shows `rows` rows and the header without a vertical scroll bar.
    int heightForRows(int rows) const;

private:
    ModelSummaryModel *m_model;
    ModelSummaryProxy *m_proxy;
    QTableView *m_view;
    QWidget *m_copy;
};

} // namespace stampede::ui
