#pragma once
// The scenarios File ▸ New from Template offers: the installed examples
// (<data dir>/stampede/scenarios/*.json, e.g. /usr/share/stampede/scenarios from the package),
// then the built-in ones no installed file of the same name replaces.

#include <QList>
#include <QString>
#include <QStringList>

namespace stampede::scenario {

struct ScenarioTemplate {
    QString key; ///< the file's base name, e.g. "default"
    QString title; ///< the scenario's "name", or the file name when it does not load
    QString path; ///< an installed file, or the built-in's resource path (":/stampede/...")
    QString error; ///< why the file does not load; empty when it does
    bool builtin = false;
};

/// Where installed examples are looked for, in order: "stampede/scenarios" under every XDG data
/// directory ($XDG_DATA_HOME, then $XDG_DATA_DIRS), then ../share/stampede/scenarios beside the
/// binary (an install under a prefix that is not in XDG_DATA_DIRS). Only existing directories.
QStringList exampleDirectories();

/// The installed examples sorted by key (a key found in two directories: the first wins), then the
/// built-in scenarios whose key no installed file has.
QList<ScenarioTemplate> scenarioTemplates();

} // namespace stampede::scenario
