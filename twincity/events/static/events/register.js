/* The registration form asks for an invitation code only when a ticket type by invitation is
   chosen (its radio button carries data-by-invitation). Without JavaScript the code field is
   simply shown, with a hint saying when it is needed. A field with an error stays in view. */
(function () {
  "use strict";

  var codeInput = document.getElementById("id_invitation_code");
  if (!codeInput) return;
  var codeField = codeInput.closest(".field");
  var choices = document.querySelectorAll('input[name="ticket_type"]');
  if (!codeField || !choices.length) return;

  function invitationChosen() {
    for (var i = 0; i < choices.length; i++) {
      if (choices[i].checked) return choices[i].hasAttribute("data-by-invitation");
    }
    return false;
  }

  function update() {
    var needed = invitationChosen() || codeField.classList.contains("field--invalid");
    codeField.hidden = !needed;
    codeInput.required = invitationChosen();
  }

  for (var i = 0; i < choices.length; i++) {
    choices[i].addEventListener("change", update);
  }
  update();
})();
