// target.tls, target.proxy, target.follow_redirects and target.limits: read, written and checked
// here, so the whole life of these options in a scenario file is in one place.

#include "scenario/sections.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace stampede::scenario::detail {

namespace {

constexpr qint64 kMinResponseBytes = 64 * 1024;
constexpr qint64 kMaxResponseBytes = qint64(1) << 30; ///< 1 GiB: one answer may not take the machine
constexpr qint64 kMinEventBytes = 1024;
constexpr qint64 kMaxEventBytes = 64 * 1024 * 1024;
constexpr qint64 kMaxPemBytes = 10 * 1024 * 1024;

void readTls(const ObjectReader &target, TlsOptions &tls)
{
    const Json *value = target.find("tls");
    if (!value)
        return;
    const ObjectReader reader(*value, target.pathOf("tls"), target.errors());
    reader.rejectUnknownKeys({ "ca_file", "client_cert", "client_key", "insecure" });
    reader.read("ca_file", tls.caFile);
    reader.read("client_cert", tls.clientCert);
    reader.read("client_key", tls.clientKey);
    reader.read("insecure", tls.insecure);
}

void readLimits(const ObjectReader &target, ResponseLimits &limits)
{
    const Json *value = target.find("limits");
    if (!value)
        return;
    const ObjectReader reader(*value, target.pathOf("limits"), target.errors());
    reader.rejectUnknownKeys({ "max_response_bytes", "max_event_bytes" });
    // Any whole number of bytes reads; validate() says which are usable and why.
    constexpr qint64 kReadable = qint64(1) << 50;
    if (const Json *bytes = reader.find("max_response_bytes"))
        readInteger(
            *bytes, reader.pathOf("max_response_bytes"), reader.errors(), 0, kReadable, limits.maxResponseBytes);
    if (const Json *bytes = reader.find("max_event_bytes"))
        readInteger(*bytes, reader.pathOf("max_event_bytes"), reader.errors(), 0, kReadable, limits.maxEventBytes);
}

/// Empty when `file` is a readable PEM file holding `what` ("CERTIFICATE" or "PRIVATE KEY").
QString pemProblem(const QString &file, QLatin1StringView what)
{
    const QFileInfo info(file);
    if (!info.exists())
        return QLatin1Char('"') + file + QStringLiteral("\" does not exist (relative paths are taken from ")
            + QFileInfo(QStringLiteral(".")).absoluteFilePath() + QLatin1Char(')');
    if (!info.isFile())
        return QLatin1Char('"') + file + QStringLiteral("\" is not a file");
    QFile pem(file);
    if (!pem.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read \"") + file + QStringLiteral("\": ") + pem.errorString();
    const QByteArray data = pem.read(kMaxPemBytes + 1);
    if (data.size() > kMaxPemBytes)
        return QLatin1Char('"') + file + QStringLiteral("\" is larger than 10 MiB; it is not a PEM file");
    if (what == QLatin1StringView("PRIVATE KEY")) {
        if (data.contains("ENCRYPTED"))
            return QLatin1Char('"') + file
                + QStringLiteral("\" is an encrypted key; give an unencrypted PEM key (openssl pkey -in KEY -out "
                                 "PLAIN)");
        const qsizetype begin = data.indexOf("-----BEGIN ");
        if (begin < 0 || data.indexOf("PRIVATE KEY-----", begin) < 0)
            return QLatin1Char('"') + file
                + QStringLiteral("\" holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        return {};
    }
    if (!data.contains("-----BEGIN CERTIFICATE-----"))
        return QLatin1Char('"') + file + QStringLiteral("\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    return {};
}

void checkPem(Errors &errors, const QString &file, QLatin1StringView what, const QString &path)
{
    if (file.isEmpty())
        return;
    if (const QString problem = pemProblem(file, what); !problem.isEmpty())
        errors.append({ path, problem });
}

void checkTls(Errors &errors, const TlsOptions &tls)
{
    checkPem(errors, tls.caFile, QLatin1StringView("CERTIFICATE"), QStringLiteral("target.tls.ca_file"));
    checkPem(errors, tls.clientCert, QLatin1StringView("CERTIFICATE"), QStringLiteral("target.tls.client_cert"));
    checkPem(errors, tls.clientKey, QLatin1StringView("PRIVATE KEY"), QStringLiteral("target.tls.client_key"));
    if (tls.clientCert.isEmpty() != tls.clientKey.isEmpty())
        errors.append({ tls.clientCert.isEmpty() ? QStringLiteral("target.tls.client_cert")
                                                 : QStringLiteral("target.tls.client_key"),
            QStringLiteral("client_cert and client_key go together (mTLS needs both)") });
}

void checkProxy(Errors &errors, const QString &proxy, TransportKind transport)
{
    if (proxy.isEmpty() || proxy == QLatin1String("system"))
        return;
    const QString path = QStringLiteral("target.proxy");
    const QUrl url(proxy, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()) {
        errors.append({ path,
            QLatin1Char('"') + proxy
                + QStringLiteral("\" is not a proxy; use \"system\" or a URL such as http://proxy.local:3128 or "
                                 "socks5://127.0.0.1:1080") });
    } else if (scheme == QLatin1String("https")) {
        errors.append({ path,
            QStringLiteral("a TLS connection to the proxy itself is not supported; use http:// (https targets "
                           "still travel encrypted end to end through CONNECT)") });
    } else if (scheme != QLatin1String("http") && scheme != QLatin1String("socks5")
        && scheme != QLatin1String("socks5h")) {
        errors.append({ path,
            QLatin1Char('"') + url.scheme()
                + QStringLiteral("\" is not a proxy scheme; use http, socks5 or socks5h") });
    } else if (!url.userName().isEmpty() || !url.password().isEmpty()) {
        errors.append(
            { path, QStringLiteral("credentials in the proxy URL would be stored in the file; remove them") });
    } else if (scheme == QLatin1String("socks5h") && transport == TransportKind::Qt) {
        errors.append({ path, QStringLiteral("socks5h is curl's name; the qt transport resolves through socks5://") });
    }
}

void checkLimits(Errors &errors, const ResponseLimits &limits)
{
    const auto range = [&errors](qint64 value, qint64 min, qint64 max, const QString &path) {
        if (value < min || value > max)
            errors.append({ path,
                QStringLiteral("must be between %1 (%2) and %3 (%4), got %5")
                    .arg(min)
                    .arg(formatByteSize(min))
                    .arg(max)
                    .arg(formatByteSize(max))
                    .arg(value) });
    };
    range(limits.maxResponseBytes, kMinResponseBytes, kMaxResponseBytes,
        QStringLiteral("target.limits.max_response_bytes"));
    range(limits.maxEventBytes, kMinEventBytes, kMaxEventBytes, QStringLiteral("target.limits.max_event_bytes"));
    if (limits.maxEventBytes > limits.maxResponseBytes && limits.maxResponseBytes >= kMinResponseBytes)
        errors.append({ QStringLiteral("target.limits.max_event_bytes"),
            QStringLiteral("must not exceed target.limits.max_response_bytes (%1)").arg(limits.maxResponseBytes) });
}

} // namespace

void readTargetOptions(const ObjectReader &target, Target &out)
{
    readTls(target, out.tls);
    target.read("proxy", out.proxy);
    target.read("follow_redirects", out.followRedirects);
    readLimits(target, out.limits);
}

void writeTargetOptions(const Target &target, Json &json)
{
    json["tls"]
        = Json { { "ca_file", target.tls.caFile.toStdString() }, { "client_cert", target.tls.clientCert.toStdString() },
              { "client_key", target.tls.clientKey.toStdString() }, { "insecure", target.tls.insecure } };
    json["proxy"] = target.proxy.toStdString();
    json["follow_redirects"] = target.followRedirects;
    json["limits"] = Json { { "max_response_bytes", target.limits.maxResponseBytes },
        { "max_event_bytes", target.limits.maxEventBytes } };
}

void checkTargetOptions(const Target &target, Errors &errors)
{
    checkTls(errors, target.tls);
    checkProxy(errors, target.proxy, target.transport);
    checkLimits(errors, target.limits);
}

} // namespace stampede::scenario::detail

namespace stampede::scenario {

QString formatByteSize(qint64 bytes)
{
    if (bytes > 0 && bytes % (1024 * 1024) == 0)
        return QString::number(bytes / (1024 * 1024)) + QStringLiteral(" MiB");
    if (bytes > 0 && bytes % 1024 == 0)
        return QString::number(bytes / 1024) + QStringLiteral(" KiB");
    return QString::number(bytes) + QStringLiteral(" bytes");
}

} // namespace stampede::scenario
