#pragma once
// stdout / stderr as UTF-8 QTextStreams, flushed on every write (progress lines must appear live).

#include <QTextStream>

namespace stampede::cli {

QTextStream &out();
QTextStream &err();

} // namespace stampede::cli
