#include "cli/output.h"

#include <cstdio>

namespace stampede::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    stream.setAutoDetectUnicode(false);
    stream.flush();
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    stream.flush();
    return stream;
}

} // namespace stampede::cli
