// Registers the service worker, offers a new version when one is waiting (reload to use it;
// every open tab then reloads, so two versions never write the same data), and says when the
// device is offline. Plain script, outside the wasm, so it runs even if the app fails to start.
(() => {
  const vi = () => {
    try {
      return (JSON.parse(localStorage.getItem("hienmau/prefs") || "{}").lang || "vi") !== "en";
    } catch {
      return true;
    }
  };
  const words = {
    update: ["Có phiên bản mới của ứng dụng.", "A new version of the app is ready."],
    reload: ["Tải lại", "Reload"],
    offline: [
      "Đang không có mạng. Ứng dụng vẫn chạy và mọi thay đổi vẫn được lưu trên thiết bị.",
      "You are offline. The app keeps working and every change is still saved on this device.",
    ],
  };
  const say = (key) => words[key][vi() ? 0 : 1];

  // Banners stack in one fixed area at the bottom of the screen, clear of the navigation.
  function area() {
    let stack = document.getElementById("pwa-banners");
    if (!stack) {
      stack = document.createElement("div");
      stack.id = "pwa-banners";
      document.body.appendChild(stack);
    }
    return stack;
  }

  function banner(id, text, action) {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.className = "pwa-banner";
      box.setAttribute("role", "status");
      area().appendChild(box);
    }
    box.textContent = text + " ";
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = action.label;
      button.addEventListener("click", action.run);
      box.appendChild(button);
    }
    return box;
  }

  function showOffline() {
    const box = document.getElementById("pwa-offline");
    if (navigator.onLine) box?.remove();
    else banner("pwa-offline", say("offline"));
  }
  window.addEventListener("online", showOffline);
  window.addEventListener("offline", showOffline);
  window.addEventListener("load", showOffline);

  if (!("serviceWorker" in navigator)) return;
  const controlled = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (controlled && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  const offer = (worker) =>
    banner("pwa-update", say("update"), {
      label: say("reload"),
      run: () => worker.postMessage("activate-new-version"),
    });
  navigator.serviceWorker
    .register("/sw.js")
    .then((registration) => {
      if (registration.waiting && controlled) offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
        });
      });
      // The worker precaches the organizers' builds once an organizer page is opened.
      navigator.serviceWorker.ready.then((ready) => ready.active?.postMessage({ opened: location.pathname }));
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") registration.update().catch(() => {});
      });
    })
    .catch((error) => console.error("service worker registration failed", error));
})();
