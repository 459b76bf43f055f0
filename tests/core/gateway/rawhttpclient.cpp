#include "rawhttpclient.h"

namespace stampede::test {

RawHttpClient::RawHttpClient(quint16 port, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    m_clock.start();
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawHttpClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_closed = true; });
}

void RawHttpClient::open()
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.flush();
}

QByteArray RawHttpClient::request(
    const QByteArray &method, const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders)
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: stampede-tests\r\n";
    r += extraHeaders;
    if (!body.isEmpty() || method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    r += "\r\n";
    r += body;
    return r;
}

QByteArray RawHttpClient::chatRequest(const QByteArray &model, bool stream, bool includeUsage, int maxTokens,
    const QByteArray &extraHeaders, const QByteArray &content)
{
    QByteArray body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]";
    if (stream)
        body += ",\"stream\":true";
    if (includeUsage)
        body += ",\"stream_options\":{\"include_usage\":true}";
    if (maxTokens > 0)
        body += ",\"max_tokens\":" + QByteArray::number(maxTokens);
    body += '}';
    return request("POST", "/v1/chat/completions", body, extraHeaders);
}

void RawHttpClient::onReadyRead()
{
    const QByteArray data = m_socket.readAll();
    if (keepRaw)
        raw += data;
    if (m_buffer.size() == m_pos) {
        m_buffer = data;
        m_pos = 0;
    } else {
        m_buffer += data;
    }
    while (m_pos < m_buffer.size() && parseError.isEmpty()) {
        if (!m_haveHead && !parseHead())
            break;
        if (m_haveHead && !parseBody())
            break;
    }
    if (m_pos > 65536) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

bool RawHttpClient::parseHead()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n", m_pos);
    if (end < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.mid(m_pos, end - m_pos).split('\n');
    m_pos = end + 4;
    m_current = RawResponse {};
    m_current.headNs = nowNs();
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    m_current.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            m_current.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    if (m_current.status == 100) // interim response: the real one follows
        return true;
    m_haveHead = true;
    m_current.chunked = m_current.headers.value("transfer-encoding") == "chunked";
    m_remaining = m_current.headers.value("content-length", "0").toLongLong();
    m_inChunk = false;
    return true;
}

bool RawHttpClient::parseBody()
{
    auto complete = [this] {
        m_current.doneNs = nowNs();
        m_responses.append(m_current);
        m_haveHead = false;
        emit responseReceived();
        return true;
    };
    if (!m_current.chunked) {
        const qint64 take = qMin<qint64>(m_remaining, m_buffer.size() - m_pos);
        m_current.body += m_buffer.mid(m_pos, take);
        m_pos += take;
        m_remaining -= take;
        return m_remaining == 0 ? complete() : false;
    }
    for (;;) {
        if (!m_inChunk) {
            const qsizetype eol = m_buffer.indexOf("\r\n", m_pos);
            if (eol < 0)
                return false;
            bool ok = false;
            m_remaining = m_buffer.mid(m_pos, eol - m_pos).toLongLong(&ok, 16);
            if (!ok) {
                parseError = QStringLiteral("bad chunk size");
                return false;
            }
            m_pos = eol + 2;
            m_inChunk = true;
        }
        if (m_buffer.size() - m_pos < m_remaining + 2)
            return false;
        const QByteArray payload = m_buffer.mid(m_pos, m_remaining);
        if (m_buffer.mid(m_pos + m_remaining, 2) != "\r\n") {
            parseError = QStringLiteral("chunk not followed by CRLF");
            return false;
        }
        m_pos += m_remaining + 2;
        m_inChunk = false;
        if (m_remaining == 0)
            return complete();
        m_current.chunks.append(payload);
        m_current.chunkNs.append(nowNs());
        m_current.body += payload;
        emit chunkReceived();
    }
}

} // namespace stampede::test
