#pragma once
// Incremental server-sent-events decoder (WHATWG event-stream rules). Correct for any split of the
// byte stream: LF, CRLF or CR line ends, comment lines, multi-line data, an optional space after
// the colon, a UTF-8 BOM at the start. No allocation per byte; one QByteArray per event.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace stampede::protocol {

struct SseEvent {
    QByteArray event; ///< "event:" field; empty means the default "message"
    QByteArray data; ///< "data:" lines joined with '\n'
    QByteArray id;
    bool isDone() const { return data == "[DONE]"; }
};

class SseDecoder
{
public:
    /// Feeds bytes; appends every event completed by them to `out` and returns how many were added.
    int feed(QByteArrayView bytes, QList<SseEvent> &out);
    /// End of stream: true when bytes of an incomplete event were pending (the stream was cut).
    bool hasPartialEvent() const;
    qint64 bytesSeen() const { return m_bytesSeen; }
    /// One event (any one line, whole or unfinished, plus the data lines before it) may hold at most
    /// this many bytes, however the reads are split;
    /// past it the decoder stops, drops what it held and reports overflowed(). A server can
    /// otherwise grow a line without end (issue: 5 GB from one connection).
    static constexpr qsizetype kDefaultMaxEventBytes = 1024 * 1024;
    void setMaxEventBytes(qsizetype bytes) { m_maxEventBytes = bytes; }
    qsizetype maxEventBytes() const { return m_maxEventBytes; }
    bool overflowed() const { return m_overflowed; }
    void reset();

private:
    void processLine(QByteArrayView line, QList<SseEvent> &out, int &added);
    bool withinBound(qsizetype lineBytes); ///< false (and overflowed) when a line this long passes the bound
    bool holdLine(const char *from, const char *to); ///< false (and overflowed) past the bound

    QByteArray m_line; ///< bytes of the current unterminated line
    QByteArray m_data;
    QByteArray m_event;
    QByteArray m_id;
    bool m_hasData = false;
    bool m_lastWasCr = false;
    bool m_bomChecked = false;
    bool m_overflowed = false;
    qint64 m_bytesSeen = 0;
    qsizetype m_maxEventBytes = kDefaultMaxEventBytes;
};

} // namespace stampede::protocol
