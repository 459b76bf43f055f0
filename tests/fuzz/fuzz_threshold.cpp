// libFuzzer target: threshold keys and expressions, through the one parser (model/threshold.h)
// that scenario validation, the aggregator, the dashboard and the editor share. It must never
// crash, never accept a NaN or infinite bound, and what it accepts must be stable: printed back
// in its normal form ("metric{model:NAME}", "<aggregation><operator><bound>") it parses to the same
// value, with and without the scenario's model list, and the aggregation applies to the metric.
//
// Input: metric key, a NUL byte, expression (no NUL: the whole input is the expression).

#include "model/threshold.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using stampede::model::Comparison;
using stampede::model::Threshold;

[[noreturn]] void fail(const char *what, const QString &key, const QString &expression, const QString &why)
{
    std::fprintf(stderr, "fuzz_threshold: %s\nkey: %s\nexpression: %s\nreason: %s\n", what, qPrintable(key),
        qPrintable(expression), qPrintable(why));
    std::abort();
}

QString operatorText(Comparison op)
{
    switch (op) {
    case Comparison::Less:
        return QStringLiteral("<");
    case Comparison::LessEq:
        return QStringLiteral("<=");
    case Comparison::Greater:
        return QStringLiteral(">");
    case Comparison::GreaterEq:
        return QStringLiteral(">=");
    case Comparison::Equal:
        return QStringLiteral("==");
    case Comparison::NotEqual:
        return QStringLiteral("!=");
    }
    return {};
}

bool same(const Threshold &a, const Threshold &b)
{
    return a.key.metric == b.key.metric && a.key.model == b.key.model && a.expr.aggregation == b.expr.aggregation
        && a.expr.op == b.expr.op && a.expr.bound == b.expr.bound;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = input.indexOf('\0');
    const QString key = nul < 0 ? QStringLiteral("http_req_duration") : QString::fromUtf8(input.first(nul));
    const QString expression = QString::fromUtf8(nul < 0 ? input : input.sliced(nul + 1));

    QString error;
    if (const auto expr = stampede::model::parseThresholdExpression(expression, &error);
        expr && !std::isfinite(expr->bound))
        fail("a NaN or infinite bound was accepted", key, expression, {});
    const auto parsed = stampede::model::parseThreshold(key, expression, &error);
    if (!parsed) {
        if (error.isEmpty())
            fail("refused without a reason", key, expression, {});
        return 0;
    }
    if (!stampede::model::aggregationAllowed(parsed->key.metric, parsed->expr.aggregation))
        fail("accepted an aggregation the metric does not take", key, expression, {});
    // The scenario check also wants a tagged model to be one of the scenario's: offer the one named.
    QStringList models { QStringLiteral("gpt-4.1") };
    if (!parsed->key.model.isEmpty())
        models.append(parsed->key.model);
    if (!stampede::model::parseThreshold(key, expression, &error, &models))
        fail("refused with the model it names among the scenario's", key, expression, error);

    const QString printedKey = parsed->key.model.isEmpty()
        ? parsed->key.metric
        : parsed->key.metric + QStringLiteral("{model:") + parsed->key.model + QLatin1Char('}');
    const QString printedExpr
        = parsed->expr.aggregation + operatorText(parsed->expr.op) + QString::number(parsed->expr.bound, 'g', 17);
    const auto again = stampede::model::parseThreshold(printedKey, printedExpr, &error);
    if (!again)
        fail("its normal form is refused", printedKey, printedExpr, error);
    if (!same(*parsed, *again))
        fail("its normal form parses to another threshold", key, expression, printedKey + u' ' + printedExpr);
    return 0;
}
