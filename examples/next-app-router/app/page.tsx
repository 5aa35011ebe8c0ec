import { defaultLogoutButtonLabels } from 'storefront-auth-kit';

const PRODUCTS = [
  { name: 'Linen tote bag', price: '€ 24.00' },
  { name: 'Ceramic mug', price: '€ 14.50' },
  { name: 'Beeswax candle', price: '€ 9.90' },
];

export default function HomePage() {
  return (
    <>
      <h1>New this week</h1>
      <ul>
        {PRODUCTS.map((product) => (
          <li key={product.name}>
            {product.name}: {product.price}
          </li>
        ))}
      </ul>
      {/* A Server Component may use the kit's plain data and pure functions: the labels live in a
          module without 'use client'. */}
      <p>
        Signing out at a busy moment? The button then reads “
        {defaultLogoutButtonLabels.coolingDown(5)}” and tries again by itself.
      </p>
    </>
  );
}
