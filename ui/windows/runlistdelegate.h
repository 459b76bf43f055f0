#pragma once
// Paints one run of the "Runs" panel: a status dot, the title in bold (with a "baseline" badge),
// then two grey lines: when and how it came out, and the target and load.

#include "model/runlifecycle.h"
#include "model/runverdict.h"

#include <QStyledItemDelegate>

namespace stampede::ui {

class RunListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// The colour of a run in `phase` (a finished one by its verdict): the run list's dots and the
/// toolbar's state badge. A run stopped or aborted before the plan's end has no verdict of its own
/// and is grey, unless its requests failed: orange from 1 % (`failedShare`, failures / requests),
/// red from half of them.
QColor runColor(
    model::RunPhase phase, model::RunVerdict::Kind verdict = model::RunVerdict::Kind::Passed, double failedShare = 0);

} // namespace stampede::ui
