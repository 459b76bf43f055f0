#pragma once
// The "Runs" list: RunListModel rows painted by RunListDelegate, and a hint while it is empty.

#include <QListView>

namespace stampede::ui {

class RunListView : public QListView
{
    Q_OBJECT
public:
    explicit RunListView(QWidget *parent = nullptr);

    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_placeholder;
};

} // namespace stampede::ui
