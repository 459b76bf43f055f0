#include "scenario/promptsource.h"

#include <QCryptographicHash>
#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace stampede::scenario {

namespace {

using Json = nlohmann::json;

// Common English words: a synthetic prompt reads as text, and tokenizes like text.
constexpr const char *kWords[] = { "the", "system", "request", "model", "answer", "latency", "token", "stream",
    "gateway", "server", "client", "network", "cache", "prompt", "value", "result", "measure", "time", "first",
    "second", "report", "number", "load", "test", "user", "question", "simple", "explain", "between", "because",
    "through", "before", "after", "during", "under", "again", "every", "other", "another", "people", "world", "water",
    "light", "history", "science", "market", "language", "program", "computer", "quantum", "security", "practice",
    "cloud", "service", "design", "energy", "signal", "river", "mountain", "garden", "window", "paper", "story",
    "music", "number", "little", "great", "small", "large", "quick", "careful", "steady", "bright", "simple", "common",
    "public", "private", "modern", "ancient", "local", "global", "short", "long", "clear", "and", "or", "with", "for",
    "from", "into", "about", "over", "while", "where", "which", "when", "what", "how" };

QString lineError(qsizetype line, const QString &what)
{
    return QStringLiteral("line %1: %2").arg(line).arg(what);
}

} // namespace

QString readDatasetLine(const QByteArray &line, PromptItem &item)
{
    const Json j = Json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return QStringLiteral("not a JSON object");
    const auto text = [](const Json &v) { return QString::fromStdString(v.get<std::string>()); };
    if (const auto prompt = j.find("prompt"); prompt != j.end()) {
        if (!prompt->is_string() || prompt->get_ref<const std::string &>().empty())
            return QStringLiteral("\"prompt\" must be a non-empty string");
        item.user = text(*prompt);
    } else if (const auto messages = j.find("messages"); messages != j.end()) {
        if (!messages->is_array() || messages->empty())
            return QStringLiteral("\"messages\" must be a non-empty array");
        for (const Json &m : *messages) {
            const auto role = m.is_object() ? m.find("role") : m.end();
            const auto content = m.is_object() ? m.find("content") : m.end();
            if (!m.is_object() || role == m.end() || !role->is_string() || content == m.end() || !content->is_string())
                return QStringLiteral("each message needs a string \"role\" and \"content\"");
            const QString r = text(*role);
            if (r != u"user" && r != u"assistant" && r != u"system" && r != u"developer")
                return QStringLiteral("role \"%1\" is not user, assistant or system").arg(r.left(40));
            item.messages.append({ r, text(*content) });
        }
        if (std::none_of(
                item.messages.cbegin(), item.messages.cend(), [](const auto &m) { return m.first == u"user"; }))
            return QStringLiteral("\"messages\" has no user message");
    } else {
        return QStringLiteral("needs \"prompt\" or \"messages\"");
    }
    if (const auto max = j.find("max_tokens"); max != j.end() && !max->is_null()) {
        if (!max->is_number_integer() || max->get<std::int64_t>() < 1 || max->get<std::int64_t>() > 1000000)
            return QStringLiteral("\"max_tokens\" must be an integer from 1 to 1000000");
        item.maxTokens = int(max->get<std::int64_t>());
    }
    return {};
}

namespace {

QString loadDataset(const PromptDataset &dataset, QList<PromptItem> &items, QString *sha256)
{
    const QString path = dataset.resolvedPath.isEmpty() ? dataset.path : dataset.resolvedPath;
    QString error;
    const QString actual = fileSha256(path, &error);
    if (!error.isEmpty())
        return error;
    if (sha256)
        *sha256 = actual;
    if (!dataset.sha256.isEmpty() && dataset.sha256.compare(actual, Qt::CaseInsensitive) != 0)
        return QStringLiteral("%1 has sha256 %2, the scenario expects %3: the file changed (set "
                              "prompts.dataset.sha256 to the new hash to use it)")
            .arg(path, actual, dataset.sha256);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    qsizetype number = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine(kMaxDatasetLineBytes + 1);
        ++number;
        if (line.size() > kMaxDatasetLineBytes && !line.endsWith('\n'))
            return QStringLiteral("%1: %2").arg(path, lineError(number, QStringLiteral("longer than 4 MiB")));
        if (line.trimmed().isEmpty())
            continue; // blank lines (a trailing newline) are not prompts
        if (items.size() == kMaxDatasetPrompts)
            return QStringLiteral("%1: more than %2 prompts; split the dataset").arg(path).arg(kMaxDatasetPrompts);
        PromptItem item;
        if (const QString wrong = readDatasetLine(line.trimmed(), item); !wrong.isEmpty())
            return QStringLiteral("%1: %2").arg(path, lineError(number, wrong));
        items.append(std::move(item));
    }
    if (items.isEmpty())
        return QStringLiteral("%1 holds no prompts").arg(path);
    return {};
}

} // namespace

QString fileSha256(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the dataset %1: %2").arg(path, file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        *error = QStringLiteral("cannot read the dataset %1: %2").arg(path, file.errorString());
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

int drawTokens(const TokenDistribution &d, std::mt19937_64 &rng)
{
    double value = d.mean;
    switch (d.kind) {
    case TokenDistribution::Kind::Fixed:
        break;
    case TokenDistribution::Kind::Uniform:
        value = std::uniform_real_distribution<double>(d.min, std::max(d.min, d.max))(rng);
        break;
    case TokenDistribution::Kind::Normal:
        value = std::normal_distribution<double>(d.mean, std::max(0.0, d.stddev))(rng);
        value = std::max(value, d.min);
        if (d.max > 0)
            value = std::min(value, d.max);
        break;
    case TokenDistribution::Kind::Histogram: {
        std::vector<double> weights;
        for (const auto &bucket : d.buckets)
            weights.push_back(std::max(0.0, bucket.second));
        if (weights.empty())
            return 1;
        std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
        value = d.buckets[qsizetype(pick(rng))].first;
        break;
    }
    }
    return std::clamp(int(std::lround(value)), 1, kMaxSyntheticTokens);
}

QString syntheticText(int tokens, std::mt19937_64 &rng)
{
    // estimateTokens(): (characters + 3) / 4 for non-CJK text; words are added until the text
    // reaches 4 x tokens characters.
    const qsizetype target = qsizetype(tokens) * 4;
    QString text;
    text.reserve(target + 16);
    std::uniform_int_distribution<std::size_t> word(0, std::size(kWords) - 1);
    while (text.size() < target) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += QLatin1StringView(kWords[word(rng)]);
    }
    text.truncate(std::max<qsizetype>(1, target));
    return text;
}

QString loadPromptSources(Scenario &scenario, QString *datasetSha256)
{
    Prompts &prompts = scenario.prompts;
    prompts.loaded.reset();
    if (prompts.dataset) {
        auto items = std::make_shared<QList<PromptItem>>();
        if (QString error = loadDataset(*prompts.dataset, *items, datasetSha256); !error.isEmpty())
            return QStringLiteral("prompts.dataset: ") + error;
        prompts.loaded = std::move(items);
    } else if (prompts.synthetic) {
        const SyntheticPrompts &synthetic = *prompts.synthetic;
        auto items = std::make_shared<QList<PromptItem>>();
        std::mt19937_64 rng(synthetic.seed);
        for (int i = 0; i < std::clamp(synthetic.count, 1, kMaxSyntheticPrompts); ++i) {
            PromptItem item;
            item.targetTokens = drawTokens(synthetic.inputTokens, rng);
            item.user = syntheticText(item.targetTokens, rng);
            if (synthetic.outputTokens)
                item.maxTokens = drawTokens(*synthetic.outputTokens, rng);
            items->append(std::move(item));
        }
        prompts.loaded = std::move(items);
    }
    return {};
}

} // namespace stampede::scenario
