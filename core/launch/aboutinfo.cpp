#include "launch/aboutinfo.h"

#include "engine/curltransport.h"
#include "report/runfolder.h"
#include "scenario/templates.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSslSocket>

namespace stampede::launch {

QString docsDirectory()
{
    QStringList candidates;
    if (QCoreApplication::instance())
        candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/stampede");
    candidates << QStringLiteral(STAMPEDE_SOURCE_DOCS);
    for (const QString &dir : candidates) {
        if (QFileInfo::exists(dir + QStringLiteral("/metrics.md")))
            return QDir::cleanPath(dir);
    }
    return {};
}

AboutInfo aboutInfo()
{
    AboutInfo info;
    info.version = QStringLiteral(STAMPEDE_VERSION);
    info.qtRuntime = QString::fromLatin1(qVersion());
    info.qtBuild = QStringLiteral(QT_VERSION_STR);
    info.curlTransport = engine::CurlTransport::versionText();
    const QString tls = QSslSocket::supportsSsl() ? QSslSocket::activeBackend() : QString();
    info.qtTransport = QStringLiteral("Qt Network %1, TLS backend %2")
                           .arg(info.qtRuntime, tls.isEmpty() ? QStringLiteral("unavailable") : tls);
    info.license = QStringLiteral("Apache-2.0");
    info.settingsFile = QSettings().fileName();
    info.runsDir = report::defaultRunsDir();
    const QStringList examples = scenario::exampleDirectories();
    info.examplesDir = examples.isEmpty() ? QString() : examples.constFirst();
    info.docsDir = docsDirectory();
    return info;
}

QString aboutText(const AboutInfo &info)
{
    const QString none = QStringLiteral("(none installed)");
    QString text = QStringLiteral("stampede %1\n").arg(info.version);
    text += QStringLiteral("Qt: %1 (built with %2)\n").arg(info.qtRuntime, info.qtBuild);
    text += QStringLiteral("Transports: %1 (the default); %2\n").arg(info.curlTransport, info.qtTransport);
    text += QStringLiteral("License: %1\n").arg(info.license);
    text += QStringLiteral("Settings: %1\n").arg(QDir::toNativeSeparators(info.settingsFile));
    text += QStringLiteral("Run folders: %1\n").arg(QDir::toNativeSeparators(info.runsDir));
    text += QStringLiteral("Examples: %1\n")
                .arg(info.examplesDir.isEmpty() ? none : QDir::toNativeSeparators(info.examplesDir));
    text += QStringLiteral("Documentation: %1\n")
                .arg(info.docsDir.isEmpty() ? none : QDir::toNativeSeparators(info.docsDir));
    return text;
}

} // namespace stampede::launch
