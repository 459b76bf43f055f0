// ThreadSanitizer happens-before bridge for Debian's uninstrumented Qt 6.4 (tsan preset only).
//
// Qt hands work between threads through its post-event queue, guarded by a futex-based QMutex
// inside libQt6Core. TSan sees neither that mutex nor QSemaphore/QWaitCondition, so every value
// that crosses threads the way HOUSE_STYLE.md prescribes (a queued signal, QMetaObject::
// invokeMethod, QThread::wait) is reported as a race between two frames of our own code. This file
// tells TSan about exactly those edges, and no others:
//
//   sender thread                                   receiving thread
//   emit sig(value)    -> release(signals)          every event delivered -> acquire(signals)
//     (Qt's copy of the arguments inside the emit is ignored; slots it calls directly are not)
//   invokeMethod(f)    -> release(call)             f runs: acquire(call) ... f ... release(call)
//     BlockingQueued:     wait, then acquire(call)
//   deleteLater()      -> release(signals)          (DeferredDelete is an event: acquire above)
//   thread ends: emit finished -> release(signals)  QThread::wait() returns -> acquire(signals)
//
// The signal edge is coarser than Qt's real one (a per-thread queue): a value written before any
// emit is ordered before any later event delivery in any thread. A race that only such an
// unrelated signal hides can be missed; every race between threads that share memory without a
// handoff is still reported, and so is a value written after the emit that carries it
// (tests/sanitize/tsancanary.cpp proves both). invokeMethod edges are exact: one sync object per call.
//
// Hooks: QInternal::registerCallback(EventNotifyCallback) runs in the receiving thread before each
// event (QCoreApplication::notifyInternal2); qt_register_signal_spy_callbacks (the hook QtTest's
// -vs uses) runs around each emit and each directly called moc slot; invokeMethodImpl, connectImpl
// (whose slot objects are wrapped so a directly called functor slot is visible again), deleteLater
// and QThread::wait are wrapped with the linker's --wrap (tests/support/CMakeLists.txt), so only
// calls from our code are affected.
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <sanitizer/tsan_interface.h>

// Qt's private signal-spy hook (qobject_p.h), declared here with the same layout and name.
struct QSignalSpyCallbackSet {
    using BeginCallback = void (*)(QObject *caller, int signal_or_method_index, void **argv);
    using EndCallback = void (*)(QObject *caller, int signal_or_method_index);
    BeginCallback signal_begin_callback, slot_begin_callback;
    EndCallback signal_end_callback, slot_end_callback;
};
void Q_DECL_IMPORT qt_register_signal_spy_callbacks(QSignalSpyCallbackSet *callback_set);

namespace {

char g_signals; // the one sync object for queued signals, deferred deletes and thread ends

extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();

// How many ignore_thread_begin calls of ours are in force on this thread (one per emit in
// progress), and what a direct slot call suspended, innermost last.
thread_local int t_ignored = 0;
thread_local int t_suspended[64];
thread_local int t_suspendDepth = 0;

void signalBegin(QObject *, int, void **)
{
    __tsan_release(&g_signals);
    __tsan_ignore_thread_begin();
    ++t_ignored;
}

void signalEnd(QObject *, int)
{
    __tsan_ignore_thread_end();
    --t_ignored;
}

// A slot called directly from inside an emit is our code again: make it visible.
void suspendIgnore()
{
    for (int i = 0; i < t_ignored; ++i)
        __tsan_ignore_thread_end();
    if (t_suspendDepth < 64)
        t_suspended[t_suspendDepth] = t_ignored;
    ++t_suspendDepth;
    t_ignored = 0;
}

void resumeIgnore()
{
    --t_suspendDepth;
    const int n = t_suspendDepth < 64 ? t_suspended[t_suspendDepth] : 0;
    for (int i = 0; i < n; ++i)
        __tsan_ignore_thread_begin();
    t_ignored = n;
}

void slotBegin(QObject *, int, void **)
{
    suspendIgnore();
}
void slotEnd(QObject *, int)
{
    resumeIgnore();
}

bool eventNotify(void **)
{
    __tsan_acquire(&g_signals);
    return false; // deliver the event as usual
}

// Wraps a slot object. For invokeMethod the call itself is the sync object; for a connection the
// slot's body is made visible when an emit calls it directly.
class BridgeSlot : public QtPrivate::QSlotObjectBase
{
public:
    enum class Kind { Invoke, Connection };
    BridgeSlot(QtPrivate::QSlotObjectBase *inner, Kind kind, void *blockingToken)
        : QSlotObjectBase(&impl)
        , m_inner(inner)
        , m_kind(kind)
        , m_blockingToken(blockingToken)
    {
        __tsan_release(this);
    }

private:
    static void impl(int which, QSlotObjectBase *base, QObject *receiver, void **args, bool *ret)
    {
        auto *self = static_cast<BridgeSlot *>(base);
        switch (which) {
        case Destroy: // Qt counts references in its own (unseen) code: the last one may be anywhere
            __tsan_acquire(self);
            self->m_inner->destroyIfLastRef();
            delete self;
            break;
        case Call:
            __tsan_acquire(self); // before reading self: another thread may have made it
            if (self->m_kind == Kind::Invoke)
                callInvoked(self, receiver, args);
            else
                callConnected(self, receiver, args);
            break;
        case Compare:
            *ret = self->m_inner->compare(args);
            break;
        default:
            break;
        }
    }
    static void callInvoked(BridgeSlot *self, QObject *receiver, void **args)
    {
        void *const blockingToken = self->m_blockingToken;
        self->m_inner->call(receiver, args);
        if (blockingToken)
            __tsan_release(blockingToken);
        __tsan_release(self); // nothing of self is touched after this
    }
    static void callConnected(BridgeSlot *self, QObject *receiver, void **args)
    {
        QtPrivate::QSlotObjectBase *const inner = self->m_inner;
        suspendIgnore();
        inner->call(receiver, args);
        __tsan_release(self);
        resumeIgnore();
    }
    QtPrivate::QSlotObjectBase *m_inner;
    Kind m_kind;
    void *m_blockingToken;
};

struct Install {
    Install()
    {
        static QSignalSpyCallbackSet set { &signalBegin, &slotBegin, &signalEnd, &slotEnd };
        qt_register_signal_spy_callbacks(&set);
        QInternal::registerCallback(QInternal::EventNotifyCallback, &eventNotify);
    }
} g_install;

} // namespace

extern "C" {
bool __real__ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPv(
    QObject *, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, void *);
bool __wrap__ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPv(
    QObject *object, QtPrivate::QSlotObjectBase *slot, Qt::ConnectionType type, void *ret)
{
    char blockingToken = 0;
    const bool blocking = type == Qt::BlockingQueuedConnection;
    auto *bridge = new BridgeSlot(slot, BridgeSlot::Kind::Invoke, blocking ? &blockingToken : nullptr);
    const bool ok
        = __real__ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPv(
            object, bridge, type, ret);
    if (blocking)
        __tsan_acquire(&blockingToken);
    return ok;
}

QMetaObject::Connection
__real__ZN7QObject11connectImplEPKS_PPvS1_S3_PN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPKiPK11QMetaObject(
    const QObject *, void **, const QObject *, void **, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, const int *,
    const QMetaObject *);
QMetaObject::Connection
__wrap__ZN7QObject11connectImplEPKS_PPvS1_S3_PN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPKiPK11QMetaObject(
    const QObject *sender, void **signal, const QObject *receiver, void **slotPtr, QtPrivate::QSlotObjectBase *slot,
    Qt::ConnectionType type, const int *types, const QMetaObject *senderMetaObject)
{
    if (slot)
        slot = new BridgeSlot(slot, BridgeSlot::Kind::Connection, nullptr);
    return __real__ZN7QObject11connectImplEPKS_PPvS1_S3_PN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPKiPK11QMetaObject(
        sender, signal, receiver, slotPtr, slot, type, types, senderMetaObject);
}

void __real__ZN7QObject11deleteLaterEv(QObject *);
// Aligned: &QObject::deleteLater is taken as a member-function pointer (connect(..., &QObject::deleteLater))
// and now names this function; an odd address would read as a virtual one's vtable offset.
__attribute__((aligned(16))) void __wrap__ZN7QObject11deleteLaterEv(QObject *object)
{
    __tsan_release(&g_signals);
    __real__ZN7QObject11deleteLaterEv(object);
}

bool __real__ZN7QThread4waitE14QDeadlineTimer(QThread *, QDeadlineTimer);
__attribute__((aligned(16))) bool __wrap__ZN7QThread4waitE14QDeadlineTimer(QThread *thread, QDeadlineTimer deadline)
{
    const bool done = __real__ZN7QThread4waitE14QDeadlineTimer(thread, deadline);
    __tsan_acquire(&g_signals);
    return done;
}
}
