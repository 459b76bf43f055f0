#include "protocol/toolcalls.h"
#include "protocol/toolsjson.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace stampede::protocol {

void ToolCallAssembler::reset()
{
    m_calls.clear();
    m_dropped = 0;
    m_chars = 0;
}

ToolCallAssembler::Call *ToolCallAssembler::callAt(int index)
{
    if (index >= 0) {
        for (Call &call : m_calls)
            if (call.index == index)
                return &call;
    } else {
        index = 0;
        for (const Call &call : std::as_const(m_calls))
            index = std::max(index, call.index + 1);
    }
    if (m_calls.size() >= kMaxCalls) {
        ++m_dropped;
        return nullptr;
    }
    m_calls.append({ index, {}, {}, false });
    return &m_calls.last();
}

void ToolCallAssembler::add(const ToolCallPiece &piece)
{
    // A fragment of a call past the bound opens nothing new: only a piece with a name or whole
    // arguments counts as a call of its own.
    if (piece.index >= 0 && m_calls.size() >= kMaxCalls
        && std::none_of(m_calls.cbegin(), m_calls.cend(), [&](const Call &c) { return c.index == piece.index; })
        && piece.name.isEmpty() && !piece.whole)
        return;
    Call *call = callAt(piece.index);
    if (!call)
        return;
    if (!piece.name.isEmpty() && call->name.isEmpty())
        call->name = piece.name.left(256);
    if (call->overflowed)
        return;
    if (piece.whole) {
        m_chars -= call->arguments.size();
        call->arguments.clear();
    }
    if (m_chars + piece.arguments.size() > kMaxArgumentChars) {
        m_chars -= call->arguments.size();
        call->arguments.clear();
        call->arguments.squeeze();
        call->overflowed = true;
        return;
    }
    call->arguments += piece.arguments;
    m_chars += piece.arguments.size();
}

QList<QPair<QString, QString>> ToolCallAssembler::calls() const
{
    QList<QPair<QString, QString>> out;
    for (const Call &call : m_calls)
        out.append({ call.name, call.arguments });
    return out;
}

bool isJsonObjectText(QStringView text, QString *why)
{
    const QByteArray utf8 = text.toUtf8();
    const auto first = std::find_if_not(
        utf8.cbegin(), utf8.cend(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    // accept() validates without building a document (and without recursion).
    const bool json = nlohmann::json::accept(utf8.cbegin(), utf8.cend());
    if (json && first != utf8.cend() && *first == '{')
        return true;
    if (why) {
        if (!json)
            *why = QStringLiteral("arguments are not valid JSON");
        else
            *why = QStringLiteral("arguments are JSON but not an object");
    }
    return false;
}

ToolCallAssembler::Verdict ToolCallAssembler::judge(const QStringList &declared) const
{
    Verdict verdict;
    verdict.calls = int(m_calls.size()) + m_dropped;
    const auto problem = [&verdict](const QString &text) {
        ++verdict.invalid;
        if (verdict.firstProblem.isEmpty())
            verdict.firstProblem = text;
    };
    for (const Call &call : m_calls) {
        const QString who = call.name.isEmpty() ? QStringLiteral("a call without a name") : call.name;
        QString why;
        if (call.name.isEmpty())
            problem(QStringLiteral("a tool call without a function name"));
        else if (!declared.isEmpty() && !declared.contains(call.name))
            problem(QStringLiteral("%1: not a declared function").arg(who));
        else if (call.overflowed)
            problem(QStringLiteral("%1: arguments over %2 characters").arg(who).arg(kMaxArgumentChars));
        else if (!call.arguments.trimmed().isEmpty() && !isJsonObjectText(call.arguments, &why))
            problem(QStringLiteral("%1: %2 (%3)").arg(who, why, call.arguments.left(60)));
    }
    if (m_dropped > 0) { // calls past the bound are never kept: none of them can be judged valid
        problem(QStringLiteral("more than %1 tool calls in one answer").arg(kMaxCalls));
        verdict.invalid += m_dropped - 1;
    }
    return verdict;
}

} // namespace stampede::protocol

namespace stampede::protocol::detail {

nlohmann::ordered_json functionJson(const ToolDeclaration &tool, const char *schemaKey)
{
    nlohmann::ordered_json function;
    function["name"] = tool.name.toStdString();
    if (!tool.description.isEmpty())
        function["description"] = tool.description.toStdString();
    nlohmann::ordered_json schema
        = nlohmann::ordered_json::parse(tool.parameters.cbegin(), tool.parameters.cend(), nullptr, false);
    if (!schema.is_object())
        schema = { { "type", "object" }, { "properties", nlohmann::ordered_json::object() } };
    function[schemaKey] = std::move(schema);
    return function;
}

} // namespace stampede::protocol::detail
