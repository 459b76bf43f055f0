#include "ui/windows/runlistview.h"

#include "ui/windows/runlistdelegate.h"

#include <QPainter>

namespace stampede::ui {

RunListView::RunListView(QWidget *parent)
    : QListView(parent)
{
    setObjectName(QStringLiteral("runList"));
    setItemDelegate(new RunListDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformItemSizes(true);
    setToolTip(tr("Every run, across restarts; click a finished run to show it again in the dashboard, "
                  "Ctrl+click a second one and press Ctrl+K to compare them"));
}

void RunListView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void RunListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    if (m_placeholder.isEmpty() || (model() && model()->rowCount(rootIndex()) > 0))
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

} // namespace stampede::ui
