#include "ui/editor/fieldmark.h"

#include <QStyle>
#include <QVariant>
#include <QWidget>

namespace stampede::ui::editor {

namespace {

constexpr const char *kHelp = "stampedeHelp";
constexpr const char *kInvalid = "invalid";
constexpr const char *kProblem = "stampedeProblem";

} // namespace

void setHelp(QWidget *widget, const QString &help)
{
    widget->setProperty(kHelp, help);
    const QString problem = fieldProblem(widget);
    widget->setToolTip(problem.isEmpty() ? help : problem + QStringLiteral("\n\n") + help);
}

QString help(const QWidget *widget)
{
    return widget->property(kHelp).toString();
}

void markField(QWidget *widget, const QString &problem)
{
    if (fieldProblem(widget) == problem)
        return;
    widget->setProperty(kProblem, problem);
    widget->setProperty(kInvalid, !problem.isEmpty());
    const QString helpText = help(widget);
    if (problem.isEmpty())
        widget->setToolTip(helpText);
    else
        widget->setToolTip(helpText.isEmpty() ? problem : problem + QStringLiteral("\n\n") + helpText);
    // A dynamic property only restyles after a re-polish.
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}

QString fieldProblem(const QWidget *widget)
{
    return widget->property(kProblem).toString();
}

QString invalidStyleSheet()
{
    return QStringLiteral("*[invalid=\"true\"] { border: 2px solid #d32f2f; border-radius: 3px; }\n"
                          "QLabel#problemsLabel { color: #b71c1c; }");
}

} // namespace stampede::ui::editor
