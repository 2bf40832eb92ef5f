// The enquiry's check that a person is sending (see twincity/invest/challenge.py): find the
// number whose SHA-256, after the salt, is the server's challenge, with SubtleCrypto; then put
// the answer in the form and hide the question asked of browsers without JavaScript. If the
// form is sent before the number is found, sending waits for it.
(function () {
  "use strict";
  var box = document.querySelector(".enquiry-check[data-challenge]");
  if (!box || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  var form = box.closest("form");
  var proof = box.querySelector("input[name=proof]");
  var question = box.querySelector(".enquiry-question");
  var status = box.querySelector(".enquiry-check__status");
  var challenge = JSON.parse(box.getAttribute("data-challenge"));
  var encoder = new TextEncoder();
  var solved = false;
  var sendWhenSolved = false;

  function hex(buffer) {
    return Array.prototype.map
      .call(new Uint8Array(buffer), function (byte) {
        return byte.toString(16).padStart(2, "0");
      })
      .join("");
  }

  async function solve() {
    for (var number = 0; number <= challenge.maxnumber; number += 1) {
      var digest = await window.crypto.subtle.digest(
        "SHA-256",
        encoder.encode(challenge.salt + number)
      );
      if (hex(digest) === challenge.challenge) {
        return number;
      }
    }
    return null;
  }

  status.textContent = box.getAttribute("data-solving");
  solve().then(
    function (number) {
      if (number === null) {
        status.textContent = box.getAttribute("data-failed");
        return;
      }
      proof.value = JSON.stringify({
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        salt: challenge.salt,
        signature: challenge.signature,
        number: number,
      });
      solved = true;
      if (!question.classList.contains("field--invalid")) {
        question.hidden = true;
      }
      status.textContent = box.getAttribute("data-solved");
      box.classList.add("enquiry-check--solved");
      if (sendWhenSolved) {
        form.requestSubmit(form.querySelector("button[name=send]"));
      }
    },
    function () {
      status.textContent = box.getAttribute("data-failed");
    }
  );

  form.addEventListener("submit", function (event) {
    var sender = event.submitter;
    if (solved || (sender && sender.name === "back")) {
      return;
    }
    event.preventDefault();
    sendWhenSolved = true;
  });
})();
