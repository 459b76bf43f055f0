// The TSan stage's proof that the happens-before bridge (tests/support/tsanbridge.cpp) has not
// made ThreadSanitizer blind. Built only in the tsan preset; tests/sanitize/run.sh runs it with
// halt_on_error=0 and requires exactly these two reports, then requires the handed-off value to be
// silent:
//   1. shared     a QThread writes a plain int that the main thread reads once a relaxed flag
//                 says so: no handoff at all.
//   2. afteremit  a worker emits a queued signal and writes the value *after* the emit; the slot
//                 reads it: the signal orders what came before it, not what came after.
//   3. handoff    the same, written before the emit: the one edge the bridge adds (no report).
#include <QAtomicInt>
#include <QCoreApplication>
#include <QObject>
#include <QThread>

#include <cstdio>
#include <cstring>

namespace {

int g_shared = 0;
int g_afterEmit = 0;
int g_beforeEmit = 0;
QAtomicInt g_written { 0 };
QAtomicInt g_inSlot { 0 };

class Sender : public QObject
{
    Q_OBJECT
public:
    void go(bool writeFirst)
    {
        if (writeFirst)
            g_beforeEmit = 3;
        Q_EMIT ping();
        // The write waits until the slot runs, so the slot's event was delivered (the bridge's
        // acquire) before it: otherwise this thread's later emits (its event dispatcher's
        // aboutToBlock, each a release of the same sync object) could reach the main thread first
        // and order the write before the read after all, and the planted race would go unseen.
        while (!g_inSlot.loadRelaxed())
            QThread::yieldCurrentThread();
        if (!writeFirst)
            g_afterEmit = 2;
        g_written.storeRelaxed(1); // relaxed: orders nothing
    }
Q_SIGNALS:
    void ping();
};

int sharedRace()
{
    QThread *thread = QThread::create([] {
        g_shared = 1;
        g_written.storeRelaxed(1);
    });
    thread->start();
    while (!g_written.loadRelaxed())
        QThread::yieldCurrentThread();
    const int seen = g_shared; // the race TSan must report
    thread->wait();
    delete thread;
    return seen == 1 ? 0 : 1;
}

int signalRace(bool writeFirst)
{
    QThread thread;
    Sender sender;
    sender.moveToThread(&thread);
    int seen = 0;
    QObject::connect(&sender, &Sender::ping, qApp, [&] {
        g_inSlot.storeRelaxed(1); // relaxed: orders nothing
        while (!g_written.loadRelaxed())
            QThread::yieldCurrentThread();
        seen = writeFirst ? g_beforeEmit : g_afterEmit; // a race only when written after the emit
        QCoreApplication::quit();
    });
    thread.start();
    QMetaObject::invokeMethod(
        &sender, [&] { sender.go(writeFirst); }, Qt::QueuedConnection);
    QCoreApplication::exec();
    thread.quit();
    thread.wait();
    return seen == (writeFirst ? 3 : 2) ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const char *which = argc > 1 ? argv[1] : "";
    if (std::strcmp(which, "shared") == 0)
        return sharedRace();
    if (std::strcmp(which, "afteremit") == 0)
        return signalRace(false);
    if (std::strcmp(which, "handoff") == 0)
        return signalRace(true);
    std::fprintf(stderr, "usage: tsancanary shared|afteremit|handoff\n");
    return 2;
}

#include "tsancanary.moc"
