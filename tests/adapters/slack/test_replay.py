from adapters.slack.replay import WINDOW, ReplayGuard


def test_a_signature_is_served_once_and_forgotten_after_the_window():
    now = [1000.0]
    guard = ReplayGuard(clock=lambda: now[0])
    assert guard.fresh("v0=a") and not guard.fresh("v0=a")
    now[0] += WINDOW
    assert guard.fresh("v0=b")
    now[0] += WINDOW + 1  # "a" is older than Bolt's own window allows: forgotten
    assert guard.fresh("v0=a")
    assert not guard.fresh("v0=b")  # still within twice the window
    assert len(guard._seen) == 2
