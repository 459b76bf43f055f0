#include "ui/windows/scenariosummaryview.h"

#include "report/sanitize.h"
#include "scenario/duration.h"
#include "scenario/plan.h"

#include <QCoreApplication>
#include <QLocale>

namespace stampede::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

/// A labelled block; `body` is HTML.
QString section(const QString &title, const QString &body)
{
    return QStringLiteral("<p class='h'>") + esc(title) + QStringLiteral("</p><p class='v'>") + body
        + QStringLiteral("</p>");
}

QString loadText(const scenario::LoadProfile &load)
{
    const scenario::Plan plan = scenario::makePlan(load);
    QStringList targets;
    for (const auto &step : plan.steps) {
        const QString t = QLocale().toString(step.target, 'g', 4);
        if (targets.isEmpty() || targets.constLast() != t)
            targets << t;
    }
    //: %1 the targets of the plan ("10 → 50 → 0"), %2 its duration
    const QString text = plan.openModel
        ? QCoreApplication::translate("stampede::ui::ScenarioSummaryView", "%1 req/s over %2")
        : QCoreApplication::translate("stampede::ui::ScenarioSummaryView", "%1 VUs over %2");
    return esc(scenario::toString(load.executor)) + QStringLiteral("<br>")
        + esc(text.arg(targets.join(QStringLiteral(" → ")), scenario::formatDuration(plan.totalMs)));
}

QString modelsText(const scenario::Scenario &s)
{
    const QList<scenario::ModelSpec> models = s.enabledModels();
    double total = 0;
    for (const auto &m : models)
        total += m.weight;
    QString html = QStringLiteral("<table width='100%'>");
    for (const auto &m : models) {
        const double share = total > 0 ? 100.0 * m.weight / total : 0.0;
        html += QStringLiteral("<tr><td>") + esc(m.model) + QStringLiteral("</td><td align='right'>")
            + QString::number(share, 'f', 0) + QStringLiteral("%</td></tr>");
    }
    return html + QStringLiteral("</table>");
}

QString promptsText(const scenario::Prompts &prompts)
{
    QString html = QStringLiteral("<ol>");
    for (const QString &p : prompts.user) {
        const QString shown = p.size() > 90 ? p.left(88) + QStringLiteral("…") : p;
        html += QStringLiteral("<li>") + esc(shown) + QStringLiteral("</li>");
    }
    return html + QStringLiteral("</ol>");
}

} // namespace

ScenarioSummaryView::ScenarioSummaryView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("scenarioSummary"));
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(8);
    document()->setDefaultStyleSheet(QStringLiteral(
        "p{margin:0px;} .k{font-size:small; font-weight:600; color:#1e88e5; letter-spacing:1px;}"
        " .title{font-size:large; font-weight:600; margin-bottom:4px;}"
        " .h{font-weight:600; color:#5f6368; margin-top:10px; margin-bottom:2px;}"
        " table{margin:0px;} ol{margin-top:0px; margin-left:0px; -qt-list-indent:1;} li{margin-bottom:3px;}"));
}

void ScenarioSummaryView::showScenario(
    const QString &heading, const scenario::Scenario &scenario, const QString &targetText)
{
    setHtml(html(heading, scenario, targetText));
}

QString ScenarioSummaryView::html(const QString &heading, const scenario::Scenario &s, const QString &targetText)
{
    QString target = targetText;
    if (target.isEmpty())
        target = s.target.baseUrl == QLatin1String("builtin") ? tr("Built-in simulated gateway")
                                                              : report::displayUrl(QUrl(s.target.baseUrl));
    QString html = QStringLiteral("<p class='k'>") + esc(heading.toUpper()) + QStringLiteral("</p>")
        + QStringLiteral("<p class='title'>") + esc(s.name) + QStringLiteral("</p>");
    html += section(tr("Target"), esc(target));
    html += section(tr("Load"), loadText(s.load));
    html += QStringLiteral("<p class='h'>") + esc(tr("Model mix")) + QStringLiteral("</p>") + modelsText(s);
    // A dataset or synthetic prompts replace the pool; a conversation makes each request a turn.
    QString prompts;
    if (s.prompts.dataset)
        prompts = tr("Prompts (dataset)");
    else if (s.prompts.synthetic)
        prompts = tr("Prompts (%1 synthetic)").arg(s.prompts.synthetic->count);
    else
        prompts = tr("Prompts (%1)").arg(s.prompts.user.size());
    html += QStringLiteral("<p class='h'>") + esc(prompts) + QStringLiteral("</p>");
    if (s.prompts.dataset)
        html += QStringLiteral("<p>") + esc(s.prompts.dataset->path) + QStringLiteral("</p>");
    else if (!s.prompts.synthetic)
        html += promptsText(s.prompts);
    if (s.conversation)
        html += QStringLiteral("<p>")
            + esc((s.conversation->turns == 1 ? tr("Conversations of 1 turn")
                                              : tr("Conversations of %1 turns").arg(s.conversation->turns))
                + (s.conversation->maxContextTokens
                        ? tr(", at most %1 context tokens").arg(*s.conversation->maxContextTokens)
                        : QString()))
            + QStringLiteral("</p>");
    int rules = 0;
    for (const auto &set : s.thresholds)
        rules += int(set.rules.size());
    html += section(
        tr("Thresholds"), rules == 0 ? tr("none") : tr("%1 rules on %2 metrics").arg(rules).arg(s.thresholds.size()));
    return html;
}

} // namespace stampede::ui
