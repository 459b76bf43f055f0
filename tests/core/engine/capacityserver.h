#pragma once
// A chat completions server of known capacity for the sweep's end-to-end test: `slotCount` requests are
// served at once, each for exactly `serviceMs`, the rest queue (first come, first served). Its
// capacity is slotCount / serviceMs: below it a request takes serviceMs, above it the queue and the
// latency grow step after step, as a saturated gateway's do. Keep-alive.

#include "recordingserver.h"
#include "scriptedserver.h"

#include <QElapsedTimer>

#include <algorithm>
#include <vector>

namespace stampede::test {

class CapacityServer
{
public:
    CapacityServer(int slotCount, int serviceMs) // not "slots": a Qt keyword
        : m_server([](const QByteArray &) { return response(200, "application/json", kCompletion); }, false)
        , m_free(std::size_t(slotCount), 0)
        , m_serviceMs(serviceMs)
    {
        m_clock.start();
        m_server.setDelay([this] {
            // The slot free first takes the request: it starts when the slot is free, ends serviceMs later.
            const qint64 now = m_clock.elapsed();
            qint64 &slot = *std::min_element(m_free.begin(), m_free.end());
            slot = std::max(now, slot) + m_serviceMs;
            return slot - now;
        });
    }
    QUrl baseUrl() const { return m_server.baseUrl(); }

private:
    ScriptedServer m_server;
    QElapsedTimer m_clock;
    std::vector<qint64> m_free; ///< per slot: when it is free again (ms on m_clock)
    int m_serviceMs;
};

} // namespace stampede::test
