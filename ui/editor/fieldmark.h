#pragma once
// Marking a field invalid: the dynamic property "invalid" (styled red by invalidStyleSheet()) and the
// reason first in the tooltip, above the field's help text. GUI thread only.

#include <QString>

class QWidget;

namespace stampede::ui::editor {

/// Sets the help tooltip of a field; it stays under the reason while the field is marked.
void setHelp(QWidget *widget, const QString &help);
/// The help tooltip set by setHelp().
QString help(const QWidget *widget);
/// Marks `widget` invalid with `problem`, or clears the mark when `problem` is empty.
void markField(QWidget *widget, const QString &problem);
/// The reason `widget` is marked with, or an empty string.
QString fieldProblem(const QWidget *widget);
/// The style sheet that paints marked fields (set once on the editor; it cascades to its children).
QString invalidStyleSheet();

} // namespace stampede::ui::editor
