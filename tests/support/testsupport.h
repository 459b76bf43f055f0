#pragma once
// Helpers shared by the tests: test data paths and temporary folders.

#include <QByteArray>
#include <QString>

namespace stampede::test {

/// Absolute path of a file under tests/data (STAMPEDE_TEST_DATA, set by CTest).
QString dataPath(const QString &relative);
/// Reads a file under tests/data; fails the calling test (QFAIL-style message) when missing.
QByteArray readData(const QString &relative);

} // namespace stampede::test
