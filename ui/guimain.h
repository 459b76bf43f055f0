#pragma once

namespace stampede::ui {

/// Runs the desktop application (QApplication + main window); returns the exit code.
/// Arguments: [scenario.json] opens that file instead of the last scenario.
int guiMain(int argc, char **argv);

} // namespace stampede::ui
