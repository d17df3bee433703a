// Reads a dropped or chosen file in the browser: text credentials go into the textarea,
// baked PNG images are sent base64url-encoded (the server extracts the credential).
(function () {
  var input = document.getElementById('verify-file');
  if (!input) return;
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    if (/\.png$/i.test(file.name) || file.type === 'image/png') {
      reader.onload = function () {
        var bytes = new Uint8Array(reader.result), bin = '';
        for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
        document.getElementById('verify-image').value =
          btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      };
      reader.readAsArrayBuffer(file);
    } else {
      reader.onload = function () { document.getElementById('verify-text').value = reader.result; };
      reader.readAsText(file);
    }
  });
})();
