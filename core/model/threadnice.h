#pragma once
// Lowering the priority of the threads of a run (RunOptions::threadNice): the engine's thread and
// the built-in gateway's handler threads take the value when they start, and every thread they
// create inherits it (Linux threads do).

class QThread;

namespace stampede::model {

/// When `thread` starts, before its event loop, adds `nice` (> 0) to its nice value (at most 19).
/// Nothing for nice <= 0. Call before QThread::start().
void raiseNiceOnStart(QThread *thread, int nice);

} // namespace stampede::model
