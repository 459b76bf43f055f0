#pragma once
// What Help ▸ About shows and `stampede --version` prints: the same facts from one place.

#include <QString>

namespace stampede::launch {

struct AboutInfo {
    QString version; ///< the project version, e.g. "0.1.0"
    QString qtRuntime; ///< qVersion()
    QString qtBuild; ///< QT_VERSION_STR this binary was built against
    QString curlTransport; ///< "libcurl 7.88.1, OpenSSL/3.0.15, nghttp2 1.52.0"
    QString qtTransport; ///< "Qt Network 6.4.2, TLS backend openssl"
    QString license; ///< SPDX identifier
    QString settingsFile; ///< QSettings' file (the XDG config dir)
    QString runsDir; ///< where run folders are written (the XDG data dir)
    QString examplesDir; ///< the first installed example directory; empty in a build tree
    QString docsDir; ///< the installed documentation, else the source tree's docs/; may be empty
};

/// Needs a QCoreApplication with the organisation and application names set (settings path).
AboutInfo aboutInfo();

/// `stampede --version`: "stampede 0.1.0" on the first line, then one "Label: value" line each.
QString aboutText(const AboutInfo &info);

/// The documentation folder: ../share/doc/stampede beside the binary, else the source tree's docs/
/// (a build tree); empty when neither holds metrics.md.
QString docsDirectory();

} // namespace stampede::launch
