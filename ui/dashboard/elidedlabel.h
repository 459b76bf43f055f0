#pragma once
// A one-line QLabel that gives way: its minimum width is a few characters, and when the layout
// gives it less than its text needs it draws the text elided ("…") instead of widening the window
// (the dashboard's tiles at 1280 px with every tile shown). GUI thread only.

#include <QLabel>

namespace stampede::ui {

class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override;
    /// Whether the text is cut at the current width.
    bool isElided() const;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace stampede::ui
