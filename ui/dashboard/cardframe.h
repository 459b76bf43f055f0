#pragma once
// A white card with a thin rounded border: the background of every dashboard panel. Painted
// directly rather than with a style sheet, which would restyle every child widget. GUI thread.

#include <QWidget>

namespace stampede::ui {

class CardFrame : public QWidget
{
    Q_OBJECT
public:
    explicit CardFrame(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace stampede::ui
