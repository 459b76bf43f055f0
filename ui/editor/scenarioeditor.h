#pragma once
// The scenario editor: every field of the scenario file, on pages (Target, Models, Prompts, Load,
// Gateway, Thresholds & checks, Retries). Lives on the GUI thread. Invalid input is marked at the field with
// the reason; the editor reports overall validity so the main window can disable Start.

#include "scenario/scenario.h"

#include <QWidget>

namespace stampede::ui {

class KeyStore;

class ScenarioEditor : public QWidget
{
    Q_OBJECT
public:
    /// `keys` stores API keys (OS keychain in the app, in-memory in tests); not owned.
    explicit ScenarioEditor(KeyStore *keys, QWidget *parent = nullptr);
    ~ScenarioEditor() override;

    void setScenario(const scenario::Scenario &scenario); ///< does not emit changed()
    scenario::Scenario scenario() const;

    bool isValid() const;
    /// Every current problem, one per line, "path: message" (empty when valid).
    QString problems() const;
    /// The API key to use for runs: the key field (kept only in the keychain), else the env variable.
    QString apiKey() const;
    QString apiKeySource() const; ///< "the API key field" or "$ENV", for messages about the key
    /// Locks every input while a run is going (the run uses a copy; edits would be confusing).
    void setLocked(bool locked);

Q_SIGNALS:
    void changed(); ///< any edit by the user
    void validityChanged(bool valid, const QString &problems);

private:
    struct Private;
    Private *d;
};

} // namespace stampede::ui
