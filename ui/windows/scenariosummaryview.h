#pragma once
// A read-only, at-a-glance description of a scenario (target, load, model mix, prompts,
// thresholds): under the "Runs" list, it tells what the selected run ran, or what Start will run.

#include "scenario/scenario.h"

#include <QTextBrowser>

namespace stampede::ui {

class ScenarioSummaryView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ScenarioSummaryView(QWidget *parent = nullptr);

    /// `heading` e.g. "Next run" or "Run #2"; `targetText` overrides the base URL shown (a resolved URL).
    void showScenario(const QString &heading, const scenario::Scenario &scenario, const QString &targetText = {});

    /// The HTML for `scenario` (public for tests).
    static QString html(const QString &heading, const scenario::Scenario &scenario, const QString &targetText);
};

} // namespace stampede::ui
