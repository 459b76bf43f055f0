#pragma once
// Subcommands of the `stampede` binary. Each returns the process exit code (cli/exitcodes.h).

#include <QStringList>

namespace stampede::cli {

int runCommand(const QStringList &arguments);
int gatewayCommand(const QStringList &arguments);
int validateCommand(const QStringList &arguments);
int reportCommand(const QStringList &arguments);
int compareCommand(const QStringList &arguments);
int watchCommand(const QStringList &arguments);
QString usageText();

} // namespace stampede::cli
