#include "testsupport.h"

#include <QFile>
#include <QtTest/QTest>

namespace stampede::test {

QString dataPath(const QString &relative)
{
    QString root = qEnvironmentVariable("STAMPEDE_TEST_DATA");
    if (root.isEmpty())
        root = QStringLiteral(STAMPEDE_SOURCE_DIR "/tests/data");
    return root + QLatin1Char('/') + relative;
}

QByteArray readData(const QString &relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qWarning("test data missing: %s", qPrintable(file.fileName()));
    return file.readAll();
}

} // namespace stampede::test
