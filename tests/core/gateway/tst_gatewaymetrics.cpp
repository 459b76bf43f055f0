// The simulated gateway's own figures (GET /metrics, GET /v1/usage/current), on the times it is given:
// exact counts per model, the in-flight gauge, the duration histogram's cumulative buckets and the
// 60 s usage window. Read back with Stampede's own exposition parser.
#include "gateway/gatewaymetrics.h"
#include "protocol/promtext.h"

#include <QtTest/QTest>

#include <nlohmann/json.hpp>

using stampede::gateway::GatewayMetrics;

namespace {

double valueOf(const stampede::protocol::PromScrape &scrape, const QString &name, const QString &label = {},
    const QString &value = {})
{
    for (const auto &sample : scrape.samples) {
        if (sample.name == name && (label.isEmpty() || sample.label(label) == value))
            return sample.value;
    }
    return -1;
}

} // namespace

class TestGatewayMetrics : public QObject
{
    Q_OBJECT
private slots:
    void prometheusText()
    {
        GatewayMetrics m({ QStringLiteral("a"), QStringLiteral("b\"q") });
        for (int i = 0; i < 4; ++i)
            m.chatStarted();
        m.chatAnswered(0, 0.02, 30, 1000); // le 0.05
        m.chatAnswered(0, 0.3, 30, 1000); // le 0.5
        m.chatAnswered(1, 20, 40, 1000); // +Inf
        QCOMPARE(m.answered(), 3);
        const auto scrape = stampede::protocol::parsePromText(m.prometheusText());
        QCOMPARE(scrape.problemCount, 0);
        using stampede::protocol::PromType;
        QCOMPARE(scrape.typeOf(QStringLiteral("stampede_gateway_requests_total")), PromType::Counter);
        QCOMPARE(scrape.typeOf(QStringLiteral("stampede_gateway_requests_in_flight")), PromType::Gauge);
        QCOMPARE(scrape.typeOf(QStringLiteral("stampede_gateway_request_duration_seconds")), PromType::Histogram);
        QCOMPARE(valueOf(scrape, QStringLiteral("stampede_gateway_requests_total"), QStringLiteral("model"),
                     QStringLiteral("a")),
            2.0);
        QCOMPARE(valueOf(scrape, QStringLiteral("stampede_gateway_requests_total"), QStringLiteral("model"),
                     QStringLiteral("b\"q")),
            1.0); // escaped in the text, read back whole
        QCOMPARE(valueOf(scrape, QStringLiteral("stampede_gateway_requests_in_flight")), 1.0);
        const QString bucket = QStringLiteral("stampede_gateway_request_duration_seconds_bucket");
        QCOMPARE(valueOf(scrape, bucket, QStringLiteral("le"), QStringLiteral("0.05")), 1.0);
        QCOMPARE(valueOf(scrape, bucket, QStringLiteral("le"), QStringLiteral("0.25")), 1.0);
        QCOMPARE(valueOf(scrape, bucket, QStringLiteral("le"), QStringLiteral("0.5")), 2.0);
        QCOMPARE(valueOf(scrape, bucket, QStringLiteral("le"), QStringLiteral("10")), 2.0);
        QCOMPARE(valueOf(scrape, bucket, QStringLiteral("le"), QStringLiteral("+Inf")), 3.0);
        QCOMPARE(valueOf(scrape, QStringLiteral("stampede_gateway_request_duration_seconds_count")), 3.0);
        QCOMPARE(valueOf(scrape, QStringLiteral("stampede_gateway_request_duration_seconds_sum")), 20.32);
        QCOMPARE(valueOf(scrape, QStringLiteral("stampede_gateway_tokens_total")), 100.0);
        m.chatAbandoned();
        QCOMPARE(valueOf(stampede::protocol::parsePromText(m.prometheusText()),
                     QStringLiteral("stampede_gateway_requests_in_flight")),
            0.0);
    }

    void toolCalls()
    {
        GatewayMetrics m({ QStringLiteral("a"), QStringLiteral("b") });
        m.toolCallAnswered(0, false);
        m.toolCallAnswered(0, true);
        m.toolCallAnswered(1, false);
        m.toolCallAnswered(7, true); // a model index out of the list: "unknown"
        QCOMPARE(m.toolCalls(), 4);
        QCOMPARE(m.brokenToolCalls(), 2);
        QCOMPARE(m.answered(), 0); // counted apart from the answers (chatAnswered)
        const auto scrape = stampede::protocol::parsePromText(m.prometheusText());
        QCOMPARE(scrape.problemCount, 0);
        using stampede::protocol::PromType;
        const QString calls = QStringLiteral("stampede_gateway_tool_calls_total");
        const QString broken = QStringLiteral("stampede_gateway_broken_tool_calls_total");
        QCOMPARE(scrape.typeOf(calls), PromType::Counter);
        QCOMPARE(scrape.typeOf(broken), PromType::Counter);
        const QString model = QStringLiteral("model");
        QCOMPARE(valueOf(scrape, calls, model, QStringLiteral("a")), 2.0);
        QCOMPARE(valueOf(scrape, calls, model, QStringLiteral("b")), 1.0);
        QCOMPARE(valueOf(scrape, calls, model, QStringLiteral("unknown")), 1.0);
        QCOMPARE(valueOf(scrape, broken, model, QStringLiteral("a")), 1.0);
        QCOMPARE(valueOf(scrape, broken, model, QStringLiteral("b")), 0.0);
        QCOMPARE(valueOf(scrape, broken, model, QStringLiteral("unknown")), 1.0);
    }

    void usageOverTheLastMinute()
    {
        GatewayMetrics m({ QStringLiteral("a") });
        for (int i = 0; i < 3; ++i)
            m.chatStarted();
        m.chatAnswered(0, 0.1, 1000, 0);
        m.chatAnswered(0, 0.1, 2000, 30000);
        m.chatAnswered(0, 0.1, 4000, 59999);
        auto usage = [&m](qint64 nowMs) {
            const QByteArray body = m.usageJson(nowMs);
            return nlohmann::json::parse(body.constBegin(), body.constEnd());
        };
        nlohmann::json u = usage(59999);
        QCOMPARE(u["rpm"].get<double>(), 3.0);
        QCOMPARE(u["tpm"].get<double>(), 7000.0);
        QCOMPARE(u["daily_cost"].get<double>(), 7000 * GatewayMetrics::kUsdPerMillionTokens / 1e6);
        u = usage(60000); // the first answer is 60 s old: out of the window, still in the day's cost
        QCOMPARE(u["rpm"].get<double>(), 2.0);
        QCOMPARE(u["tpm"].get<double>(), 6000.0);
        QCOMPARE(u["daily_cost"].get<double>(), 7000 * GatewayMetrics::kUsdPerMillionTokens / 1e6);
        u = usage(200000);
        QCOMPARE(u["rpm"].get<double>(), 0.0);
        QCOMPARE(u["tpm"].get<double>(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestGatewayMetrics)
#include "tst_gatewaymetrics.moc"
