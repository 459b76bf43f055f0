#pragma once
// Shared by the gateway integration tests: a fast deterministic config, waiting for responses,
// JSON helpers, SSE splitting.

#include "gateway/gatewayconfig.h"
#include "rawhttpclient.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QSignalSpy>

namespace stampede::test {

/// Upper timing tolerances are multiplied by this: sanitizers slow everything several times over.
inline double timingSlack()
{
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
    return 4.0;
#else
    return 1.0;
#endif
}

/// One exact (jitter 0) fast model "sim-fast": 10 ms TTFT, 1000 tokens/s, 12 tokens; one thread.
inline gateway::GatewayConfig fastConfig()
{
    gateway::GatewayConfig c;
    c.models = { { QStringLiteral("sim-fast"), 10.0, 1000.0, 12, 0.0 },
        { QStringLiteral("sim-other"), 5.0, 2000.0, 4, 0.0 } };
    c.threads = 1;
    return c;
}

/// Spins the event loop (not qWait, which handles events only every 10 ms) until `count` responses
/// arrived, the peer closed, or the timeout.
inline bool waitResponses(RawHttpClient &client, int count, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (client.responses().size() < count) {
        if (deadline.hasExpired() || client.closedByPeer())
            return false;
        QSignalSpy spy(&client, &RawHttpClient::responseReceived);
        spy.wait(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    return true;
}

/// One request on a fresh connection; the response (status 0 when none came).
inline RawResponse exchange(quint16 port, const QByteArray &request)
{
    RawHttpClient client(port);
    client.open();
    client.send(request);
    return waitResponses(client, 1) ? client.responses().first() : RawResponse {};
}

inline nlohmann::json parseJson(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
}

/// A JSON string value as bytes ("<not a string>" otherwise), for QCOMPARE.
inline QByteArray str(const nlohmann::json &v)
{
    return v.is_string() ? QByteArray::fromStdString(v.get<std::string>()) : QByteArray("<not a string>");
}

/// The data fields of an SSE body, in order ("data: x\n\n" -> "x").
inline QList<QByteArray> sseData(const QByteArray &body)
{
    QList<QByteArray> out;
    for (const QByteArray &event : body.split('\n')) {
        if (event.startsWith("data: "))
            out.append(event.mid(6));
    }
    return out;
}

} // namespace stampede::test
