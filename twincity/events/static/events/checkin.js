/* Check-in with the phone's camera: where the browser can read QR codes (BarcodeDetector),
   a button turns the camera on; a code read is put in the code field and the form is sent,
   just as if it had been typed. Without the API (or without JavaScript) the page is a plain
   form. The camera stays on from one scan to the next: it is turned on again after the page
   reloads with the answer, and the code just sent is not sent again while it is still in view. */
(function () {
  "use strict";

  var form = document.getElementById("checkin-form");
  if (!form) return;
  var field = form.querySelector(".checkin-code");
  var startButton = document.getElementById("camera-start");
  var stopButton = document.getElementById("camera-stop");
  var box = document.getElementById("camera");
  var video = document.getElementById("camera-video");
  var status = document.getElementById("camera-status");
  var CAMERA_ON = "twincity-checkin-camera";
  var LAST_CODE = "twincity-checkin-last";
  var SAME_CODE_PAUSE_MS = 4000;
  var stream = null;
  var detector = null;

  // After a refusal the code stays in the field, selected: the next scan or typing replaces it.
  if (field && field.value) field.select();

  var canScan =
    "BarcodeDetector" in window &&
    navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === "function";
  if (!canScan) return;

  window.BarcodeDetector.getSupportedFormats()
    .then(function (formats) {
      if (formats.indexOf("qr_code") === -1) return;
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      startButton.hidden = false;
      startButton.addEventListener("click", start);
      stopButton.addEventListener("click", function () { stop(true); });
      if (sessionStorage.getItem(CAMERA_ON) === "on") start();
    })
    .catch(function () { /* no QR reading here: typing works */ });

  function start() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        box.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        status.textContent = form.dataset.aim;
        sessionStorage.setItem(CAMERA_ON, "on");
        return video.play();
      })
      .then(scanFrame)
      .catch(function () {
        stop(true);
        status.textContent = form.dataset.noCamera;
      });
  }

  function stop(forget) {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    box.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
    if (forget) sessionStorage.removeItem(CAMERA_ON);
  }

  function scanFrame() {
    if (!stream) return;
    detector
      .detect(video)
      .then(function (codes) {
        var code = codes.length ? codes[0].rawValue : "";
        if (code && !justSent(code)) {
          send(code);
        } else {
          window.setTimeout(scanFrame, 150);
        }
      })
      .catch(function () { window.setTimeout(scanFrame, 300); });
  }

  // The code just sent counts as sent while it stays in view (each sighting restarts the pause).
  function justSent(code) {
    var last = JSON.parse(sessionStorage.getItem(LAST_CODE) || "null");
    if (!last || last.code !== code || Date.now() - last.at > SAME_CODE_PAUSE_MS) return false;
    remember(code);
    return true;
  }

  function remember(code) {
    sessionStorage.setItem(LAST_CODE, JSON.stringify({ code: code, at: Date.now() }));
  }

  function send(code) {
    remember(code);
    stop(false);
    field.value = code;
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  }
})();
