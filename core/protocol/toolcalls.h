#pragma once
// Tool calls (issue 16; docs/metrics.md, "Tool calls"): the functions a request declares, the pieces
// of a call as each protocol's answer delivers them, and their assembly into whole calls whose
// arguments are judged. Pure values and functions; no I/O.
//
// Where each protocol puts a call's pieces (parseStreamEvent / parseWholeResponse fill
// StreamEvent::toolCalls with them):
//   OpenAI Chat        delta.tool_calls[i] {index, function.name (the first), function.arguments (a
//                      fragment)}; whole: message.tool_calls[i].function.{name, arguments}
//   OpenAI Responses   response.output_item.added (function_call item: name) at output_index,
//                      response.function_call_arguments.delta / .done; whole: output[] function_call
//   Anthropic          content_block_start (tool_use: name) at index, content_block_delta
//                      input_json_delta.partial_json; whole: content[] tool_use.input (an object)
//   Gemini             a part's functionCall {name, args (an object)}: whole in one part, never split

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace stampede::protocol {

/// One function a request declares (scenario "tools.functions").
struct ToolDeclaration {
    QString name;
    QString description;
    /// The parameters' JSON Schema as compact JSON text (an object); empty: no parameters
    /// ({"type":"object","properties":{}} is sent).
    QByteArray parameters;
    bool operator==(const ToolDeclaration &) const = default;
};

/// One piece of a tool call as an answer delivers it.
struct ToolCallPiece {
    /// Which call of the answer: chat's tool_calls[].index, Anthropic's content block index,
    /// Responses' output_index; -1: a call of its own (Gemini's parts, whole answers' lists), the
    /// next index after every one seen.
    int index = -1;
    QString name; ///< set on the piece that opens the call
    QString arguments; ///< a fragment of the arguments' JSON text (the pieces concatenate)
    /// arguments is the whole text (whole answers, Gemini, Responses' .done): it replaces what the
    /// fragments built.
    bool whole = false;
    bool operator==(const ToolCallPiece &) const = default;
};

/// The calls of one answer, assembled from its pieces in order, then judged: a call is valid when
/// its name is a declared function (any name when none is known) and its arguments are a JSON
/// object (empty arguments count as {}). Bounded: kMaxCalls calls, kMaxArgumentChars characters of
/// arguments in all; what goes past the bound is counted and judged invalid, never kept.
class ToolCallAssembler
{
public:
    static constexpr int kMaxCalls = 128;
    static constexpr qsizetype kMaxArgumentChars = 1024 * 1024;

    void reset();
    void add(const ToolCallPiece &piece);
    void add(const QList<ToolCallPiece> &pieces)
    {
        for (const ToolCallPiece &piece : pieces)
            add(piece);
    }
    bool empty() const { return m_calls.isEmpty() && m_dropped == 0; }

    struct Verdict {
        int calls = 0;
        int invalid = 0;
        QString firstProblem; ///< e.g. "get_weather: arguments are not a JSON object (...)"; empty when all are valid
    };
    Verdict judge(const QStringList &declared) const;

    /// The calls as assembled so far, in the order they opened: name and arguments text.
    QList<QPair<QString, QString>> calls() const;

private:
    struct Call {
        int index = 0;
        QString name;
        QString arguments;
        bool overflowed = false;
    };
    Call *callAt(int index);

    QList<Call> m_calls;
    int m_dropped = 0; ///< calls past kMaxCalls
    qsizetype m_chars = 0;
};

/// Whether `text` is a JSON object; otherwise *why (when given) says what it is instead.
bool isJsonObjectText(QStringView text, QString *why = nullptr);

} // namespace stampede::protocol
