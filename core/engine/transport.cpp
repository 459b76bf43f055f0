#include "engine/transport.h"

#include "engine/curltransport.h"
#include "engine/qttransport.h"

#include <QtGlobal>

#include <algorithm>

namespace stampede::engine {

void captureHeader(QByteArrayView name, QByteArrayView value, const protocol::HeaderPatterns &patterns,
    std::vector<metrics::CapturedHeader> &headers)
{
    if (headers.size() >= std::size_t(metrics::kMaxCapturedHeaders) || !patterns.matches(name))
        return;
    const QByteArrayView trimmed = value.trimmed();
    headers.push_back({ name.trimmed().toByteArray().toLower(),
        trimmed.first(std::min<qsizetype>(trimmed.size(), metrics::kMaxHeaderValueBytes)).toByteArray() });
}

QString transportFallback(const scenario::Target &target)
{
    if (target.transport == scenario::TransportKind::Qt || target.http2 != scenario::Http2Mode::H2c
        || CurlTransport::reusesH2cConnections())
        return {};
    return QStringLiteral("%1 cannot reuse an h2c connection (fixed in libcurl 8.0.0, curl issue 10634): "
                          "h2c runs on the qt transport")
        .arg(CurlTransport::versionText().section(QLatin1Char(','), 0, 0));
}

scenario::TransportKind resolveTransport(const scenario::Target &target)
{
    // "auto" is curl: at every load of the peer benchmark it measures the server more exactly and
    // at a fraction of Qt's CPU (docs/benchmarks.md, "Transports and peers").
    if (target.transport == scenario::TransportKind::Qt || !transportFallback(target).isEmpty())
        return scenario::TransportKind::Qt;
    return scenario::TransportKind::Curl;
}

QString describeTransport(scenario::TransportKind kind)
{
    if (kind == scenario::TransportKind::Qt)
        return QStringLiteral("qt (QNetworkAccessManager, Qt ") + QString::fromLatin1(qVersion()) + QLatin1Char(')');
    return QStringLiteral("curl (") + CurlTransport::versionText() + QLatin1Char(')');
}

std::unique_ptr<Transport> makeTransport(scenario::TransportKind kind, RunContext &context)
{
    if (kind == scenario::TransportKind::Qt)
        return std::make_unique<QtTransport>(context);
    return std::make_unique<CurlTransport>(context);
}

} // namespace stampede::engine
