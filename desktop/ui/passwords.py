"""An office server password kept, if the person asks, in the OS keyring, never in settings.

``keyring`` stores it in Windows Credential Manager (macOS Keychain, the
Secret Service on Linux), under the server's address without the password.
Where no keyring works (a Linux PC without a Secret Service, a locked-down
profile) nothing is stored and the dialog says so: the person types the
password at each start instead.
"""

from __future__ import annotations

SERVICE = "LuuTru"


def usable() -> bool:
    """Whether this PC has a keyring that can hold a password."""
    try:
        import keyring

        return keyring.get_keyring().priority > 0
    except Exception:  # noqa: BLE001 - a broken backend is no keyring
        return False


def remember(address: str, password: str) -> bool:
    """Keep ``password`` for ``address`` (a server URL without password); False if it could not be."""
    if not usable():
        return False
    try:
        import keyring

        keyring.set_password(SERVICE, address, password)
        return True
    except Exception:  # noqa: BLE001 - KeyringError, or a backend's own failure: not stored
        return False


def recall(address: str) -> str | None:
    if not usable():
        return None
    try:
        import keyring

        return keyring.get_password(SERVICE, address)
    except Exception:  # noqa: BLE001
        return None


def forget(address: str) -> None:
    if not usable():
        return
    try:
        import keyring

        keyring.delete_password(SERVICE, address)
    except Exception:  # noqa: BLE001 - nothing was stored
        pass
