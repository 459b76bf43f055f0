#pragma once
// Golden-file comparison: STAMPEDE_UPDATE_GOLDEN=1 rewrites the files under tests/data/report/golden
// instead of comparing (review the diff before committing).

#include "testsupport.h"

#include <QFile>
#include <QtTest/QTest>

namespace stampede::test {

/// True when `actual` equals the golden file; on a mismatch, writes `actual` next to the build
/// (<name>.actual) and says where, so `diff` shows the change.
inline bool matchesGolden(const QString &name, const QByteArray &actual)
{
    const QString path = dataPath(QStringLiteral("report/golden/") + name);
    if (qEnvironmentVariableIsSet("STAMPEDE_UPDATE_GOLDEN")) {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return false;
        out.write(actual);
        return true;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        qWarning("golden file missing: %s (run with STAMPEDE_UPDATE_GOLDEN=1)", qPrintable(path));
        return false;
    }
    const QByteArray expected = in.readAll();
    if (expected == actual)
        return true;
    QFile dump(name + QStringLiteral(".actual"));
    if (dump.open(QIODevice::WriteOnly))
        dump.write(actual);
    qWarning("%s differs from %s; actual output in %s", qPrintable(name), qPrintable(path),
        qPrintable(QFileInfo(dump).absoluteFilePath()));
    return false;
}

} // namespace stampede::test
